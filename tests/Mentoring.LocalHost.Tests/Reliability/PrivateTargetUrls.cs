using System.Text;

namespace Mentoring.Tests.Reliability;

/// <summary>
/// URLs that lead inside — loopback, private, link-local, multicast, unspecified — in the spellings people use to get
/// around an address check (short, decimal, hex and octal IPv4; IPv4-mapped and zone-scoped IPv6; user info; trailing
/// dots; percent-encoding; full-width digits), then mutated at random. Loopback ones name the port of a server the test
/// listens on, so a request that got through is seen.
/// </summary>
internal sealed class PrivateTargetUrls(int seed, int port)
{
    private static readonly string[] LoopbackHosts =
    [
        "127.0.0.1", "localhost", "LOCALHOST", "localhost.", "127.1", "127.0.1", "2130706433", "0x7f000001", "0x7f.0.0.1",
        "0177.0.0.1", "017700000001", "127.000.000.001", "127.0.0.1.", "%31%32%37.0.0.1", "\uff11\uff12\uff17.\uff10.\uff10.\uff11",
        "127\u30020\u30020\u30021", "0", "0.0.0.0", "[::1]", "[0:0:0:0:0:0:0:1]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]",
        "[0:0:0:0:0:ffff:7f00:1]", "[::]", "calendar.example.com@127.0.0.1", "user:pass@localhost",
    ];

    private static readonly string[] InsideHosts =
    [
        "169.254.169.254", "[::ffff:169.254.169.254]", "[fe80::1]", "[fe80::1%25lo]", "10.1.2.3", "172.16.0.1", "192.168.0.1",
        "100.64.0.1", "[fc00::1]", "[fd12:3456::1]", "224.0.0.1", "239.255.255.250", "255.255.255.255", "[ff02::1]", "0.1.2.3",
    ];

    private static readonly string[] Schemes = ["http", "https", "HTTP", "hTtPs"];

    private static readonly string[] Tails = ["/feed.ics", "/", "", "/a/..%2F..%2Fb.ics", "/feed.ics?x=1#frag", "/%00.ics"];

    private readonly Random _random = new(seed);

    /// <summary>Every host in every scheme once (the known refusals), then <paramref name="mutated"/> random mutations of them.</summary>
    public IEnumerable<(string Url, bool Known)> All(int mutated)
    {
        var known = new List<string>();
        foreach (var host in LoopbackHosts)
            known.Add($"{Schemes[known.Count % Schemes.Length]}://{host}:{port}{Tails[known.Count % Tails.Length]}");
        foreach (var host in InsideHosts)
            known.Add($"{Schemes[known.Count % Schemes.Length]}://{host}{Tails[known.Count % Tails.Length]}");
        foreach (var url in known)
            yield return (url, true);
        for (var i = 0; i < mutated; i++)
            yield return (Mutate(known[_random.Next(known.Count)]), false);
    }

    private string Mutate(string url)
    {
        var at = _random.Next(url.Length);
        return _random.Next(7) switch
        {
            0 => url.Insert(at, ((char)_random.Next(0x20, 0x7f)).ToString()),
            1 => url.Remove(at, 1),
            2 => url.ToUpperInvariant(),
            3 => url.Insert(url.IndexOf("//", StringComparison.Ordinal) + 2, "x@"),
            4 => url + new string('/', _random.Next(1, 50)),
            5 => url.Replace(":" + port, ":" + port + "0", StringComparison.Ordinal),
            _ => Encoding.UTF8.GetString([.. Encoding.UTF8.GetBytes(url).Select(b => _random.Next(10) == 0 ? (byte)_random.Next(256) : b)]),
        };
    }
}
