using System.Net;
using System.Net.Sockets;

namespace Mentoring.Application.Outbound;

/// <summary>
/// Which addresses a request made on a user's behalf (an ICS feed, an integration subscription) may reach: public
/// unicast only. Everything else names this host, its network or the cloud's metadata endpoint (169.254.169.254).
/// </summary>
internal static class AddressClassifier
{
    /// <summary>Null for a public address; otherwise the class that refuses it ("loopback", "private", …).</summary>
    public static string? RefusalOf(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            return RefusalOf(address.MapToIPv4());
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => RefusalOfV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => RefusalOfV6(address),
            _ => "unsupported",
        };
    }

    private static string? RefusalOfV4(byte[] b) => b switch
    {
        [0, ..] => "unspecified", // 0.0.0.0/8: "this network"; 0.0.0.0 reaches the local host on Linux
        [127, ..] => "loopback",
        [10, ..] or [172, >= 16 and <= 31, ..] or [192, 168, ..] => "private",
        [100, >= 64 and <= 127, ..] => "private", // 100.64.0.0/10, carrier-grade NAT (shared address space)
        [169, 254, ..] => "link-local", // the cloud metadata endpoint lives here
        [192, 0, 0, ..] => "private", // 192.0.0.0/24, IETF protocol assignments
        [198, 18 or 19, ..] => "private", // 198.18.0.0/15, benchmarking
        [>= 224 and <= 239, ..] => "multicast",
        [>= 240, ..] => "reserved", // 240.0.0.0/4 and the broadcast address
        _ => null,
    };

    private static string? RefusalOfV6(IPAddress address)
    {
        if (address.Equals(IPAddress.IPv6Any))
            return "unspecified";
        if (address.Equals(IPAddress.IPv6Loopback))
            return "loopback";
        var b = address.GetAddressBytes();
        if (address.IsIPv6Multicast)
            return "multicast";
        if (address.IsIPv6LinkLocal)
            return "link-local";
        if (address.IsIPv6SiteLocal || (b[0] & 0xFE) == 0xFC)
            return "private"; // fec0::/10 (deprecated site-local), fc00::/7 unique local (fd00::/8 in practice)
        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
            return RefusalOfV4(b[12..]) ?? "reserved"; // ::a.b.c.d, the deprecated IPv4-compatible form
        if (b is [0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0, ..])
            return RefusalOfV4(b[12..]); // 64:ff9b::/96, NAT64: the IPv4 address it translates to
        return null;
    }
}
