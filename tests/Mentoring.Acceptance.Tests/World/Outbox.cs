using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Mentoring.Acceptance.Tests.World;

/// <summary>One email as a person receives it: read back from the <c>.eml</c> file the local host wrote.</summary>
internal sealed record ReceivedEmail(
    string File,
    string To,
    string ToName,
    string Subject,
    DateTimeOffset Date,
    string Template,
    string Text,
    string Html,
    IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>Every http(s) link in the plain-text part, in order.</summary>
    public IReadOnlyList<string> Links => [.. Regex.Matches(Text, @"https?://\S+").Select(m => m.Value.TrimEnd('.', ',', ')'))];

    public string? OneClickUnsubscribe =>
        Headers.TryGetValue("List-Unsubscribe", out var value) && Regex.Match(value, @"<(https?://[^>]+)>") is { Success: true } m ? m.Groups[1].Value : null;

    public override string ToString() => $"{Date:yyyy-MM-dd HH:mm}Z {Template} → {To}: {Subject}";
}

/// <summary>The outbox folder: RFC 5322 files, multipart/alternative, quoted-printable, RFC 2047 subjects.</summary>
internal sealed partial class Outbox(string directory)
{
    private readonly Dictionary<string, ReceivedEmail> _read = new(StringComparer.Ordinal);

    public string Directory { get; } = directory;

    /// <summary>Every email written so far, oldest first.</summary>
    public IReadOnlyList<ReceivedEmail> All()
    {
        if (!System.IO.Directory.Exists(Directory))
            return [];
        foreach (var file in System.IO.Directory.GetFiles(Directory, "*.eml"))
        {
            if (!_read.ContainsKey(file))
                _read[file] = Parse(file, File.ReadAllText(file));
        }

        return [.. _read.Values.OrderBy(e => e.Date).ThenBy(e => e.File, StringComparer.Ordinal)];
    }

    public static ReceivedEmail Parse(string file, string eml)
    {
        var split = eml.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        foreach (var line in eml[..split].Split("\r\n"))
        {
            if (line.StartsWith(' ') || line.StartsWith('\t'))
            {
                headers[last!] += line;
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            last = line[..colon];
            headers[last] = line[(colon + 1)..].Trim();
        }

        var boundary = BoundaryPattern().Match(headers["Content-Type"]).Groups[1].Value;
        var parts = eml[split..].Split("--" + boundary);
        string Part(string mediaType)
        {
            var part = parts.Single(p => p.Contains("Content-Type: " + mediaType, StringComparison.Ordinal));
            var body = part[(part.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
            return QuotedPrintable(body.TrimEnd('\r', '\n'));
        }

        var to = headers["To"];
        var match = ToPattern().Match(to);
        var address = match.Success ? match.Groups[2].Value : to;
        var name = match.Success ? Word(match.Groups[1].Value.Trim().Trim('"')) : "";
        return new ReceivedEmail(
            file,
            address,
            name,
            Word(headers["Subject"]),
            DateTimeOffset.ParseExact(headers["Date"], "ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            headers["X-Mentoring-Template"],
            Part("text/plain"),
            Part("text/html"),
            headers);
    }

    private static string Word(string text) =>
        EncodedWord().Replace(text, w => Encoding.UTF8.GetString(Convert.FromBase64String(w.Groups[1].Value)));

    private static string QuotedPrintable(string body)
    {
        var joined = body.Replace("=\r\n", "", StringComparison.Ordinal);
        var bytes = new List<byte>(joined.Length);
        for (var i = 0; i < joined.Length; i++)
        {
            if (joined[i] == '=' && i + 2 < joined.Length + 0 && byte.TryParse(joined.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
            {
                bytes.Add(b);
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(joined[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString([.. bytes]).ReplaceLineEndings("\n");
    }

    [GeneratedRegex("boundary=\"([^\"]+)\"")]
    private static partial Regex BoundaryPattern();

    [GeneratedRegex("^(.*)<([^>]+)>$")]
    private static partial Regex ToPattern();

    [GeneratedRegex(@"=\?utf-8\?B\?([^?]+)\?=")]
    private static partial Regex EncodedWord();
}
