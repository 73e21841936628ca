using System.Text;
using System.Text.Json.Nodes;
using Mentoring.Tests.Calendars.Support;

namespace Mentoring.Tests.Reliability;

/// <summary>One fuzz input: a method, a path and query under /api, a body with its content type, extra headers.</summary>
internal sealed record FuzzInput(string Method, string Path, byte[]? Body, string? ContentType, (string Name, string Value)[] Headers, string Kind);

/// <summary>
/// Inputs for one admin route from its valid request: the valid request marked, mutated JSON or CSV bodies, wrong
/// content types, odd query strings, odd headers, a huge body, and odd path segments. Every input carries its marker.
/// </summary>
internal sealed class AdminFuzzInputs(int seed)
{
    private static readonly string[] MarkedFields = ["id", "name", "reason", "businessGoal", "sponsorName", "sponsorWords"];

    private static readonly string[] OddQueries =
    [
        "pageSize=0", "pageSize=-1", "pageSize=99999999999999999999", "pageSize=abc", "pageSize=1&pageSize=2",
        "continuationToken=%00%01garbage", "continuationToken=" + new string('A', 5000), "continuationToken=eyJub3QiOiJhIHRva2VuIn0",
        "status=weird", "status=", "format=html", "format=pdf", "mode=partial", "mode=junk", "pairId=", "pairId=%2F..%2F",
        "pairId=p1&recipient=nobody", "recipient=mentor:x", "recipient=%ff%fe", "%zz=1", "a=%", "=&&=", new string('q', 8000) + "=1",
        "pageSize=1&continuationToken=" + Token("v1\nhealth\nfuzz\n..!2F..!2Fx/"), "continuationToken=" + Token("v1\noutbox\nfuzz\nother~p1\nmsg~a"),
        "continuationToken=" + Token("v1\nat-risk\nanother-program\np1"), "continuationToken=" + Token("v1\nhealth\nfuzz"),
        "continuationToken=" + Token("v1\noutbox\nfuzz\nfuzz~\n"), "continuationToken=djEK%ff%fe", "continuationToken=" + Token("v1\nhealth\nfuzz\n" + new string('a', 700)),
    ];

    private static readonly string[] OddSegments =
    [
        "%00", "..", "a%2Fb", "a%5Cb", "a%23b", "a%3Fb", "%E2%80%AE", "'", "%22", "%7F", "%C3%A9t%C3%A9", " ", "%0D%0A",
        new string('x', 1100), "💥",
    ];

    private static readonly string[] WrongTypes = ["text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "text/csv", "application/json; charset=utf-32"];

    private readonly Random _random = new(seed);
    private readonly Mutator _mutator = new(seed);

    public IEnumerable<FuzzInput> For(string method, string path, byte[]? validBody, string? contentType, int first, int count)
    {
        for (var n = first; n < first + count; n++)
        {
            var marker = StoredMarkers.Of(n);
            var body = validBody is null ? null : Mark(validBody, contentType, marker);
            var markedPath = MarkPath(path, marker);
            yield return (n - first) switch
            {
                0 => new FuzzInput(method, markedPath, body, contentType, [], "valid"),
                _ => (n % 8) switch
                {
                    0 or 1 or 2 when body is not null => new FuzzInput(method, markedPath, MutateBody(body, contentType), contentType, [], "mutated body"),
                    3 => new FuzzInput(method, markedPath, body ?? Encoding.UTF8.GetBytes("{\"x\":1}"), WrongTypes[_random.Next(WrongTypes.Length)], [], "wrong content type"),
                    4 => new FuzzInput(method, WithQuery(markedPath, OddQueries[_random.Next(OddQueries.Length)]), body, contentType, [], "odd query"),
                    5 => new FuzzInput(method, markedPath, body, contentType, OddHeaders(), "odd headers"),
                    6 => new FuzzInput(method, markedPath, Huge(contentType, marker), contentType ?? "application/json", [], "huge body"),
                    _ => new FuzzInput(method, OddSegment(path), body, contentType, [], "odd path segment"),
                },
            };
        }
    }

    private static byte[] Mark(byte[] body, string? contentType, string marker)
    {
        if (contentType == "text/csv")
        {
            var lines = Encoding.UTF8.GetString(body).Split('\n');
            return Encoding.UTF8.GetBytes(string.Join('\n', lines.Select((l, i) => i == 0 || l.Length == 0 ? l : l.Split(',')[0] + marker + l[l.IndexOf(',', StringComparison.Ordinal)..])));
        }

        var json = JsonNode.Parse(body)!.AsObject();
        foreach (var field in MarkedFields)
        {
            if (json[field] is JsonValue value && value.TryGetValue<string>(out var text))
                json[field] = text + marker;
        }

        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    /// <summary>A path whose last segment names a new thing (PUT participant, revoke key…) gets the marker too.</summary>
    private static string MarkPath(string path, string marker) =>
        path.EndsWith("/m9", StringComparison.Ordinal) ? path + marker : path;

    private byte[] MutateBody(byte[] body, string? contentType)
    {
        if (contentType != "text/csv")
            return _mutator.Mutate(body);
        var text = Encoding.UTF8.GetString(body);
        var rows = text.Split('\n').Skip(1).Where(l => l.Contains(',', StringComparison.Ordinal)).DefaultIfEmpty("x,y").ToList();
        return Encoding.UTF8.GetBytes(_random.Next(9) switch
        {
            6 => text.Replace("\n", "," + string.Join(',', Enumerable.Range(0, 40).Select(c => $"c{c}")) + "\n", StringComparison.Ordinal), // past Admin:MaxCsvColumns
            7 => text + string.Concat(Enumerable.Range(0, 10_001).Select(i => rows[i % rows.Count].Insert(rows[i % rows.Count].IndexOf(',', StringComparison.Ordinal), $"r{i}") + "\n")), // past Admin:MaxCsvRows
            8 => text + rows[0] + ",\"" + new string('w', 100_000) + "\"\n", // past Admin:MaxCsvRecordBytes
            0 => text[.._random.Next(text.Length)],
            1 => text.Replace(",", ",\"", StringComparison.Ordinal),
            2 => "\uFEFF" + text + "extra,columns,here,and,more,than,expected\n",
            3 => text.Replace("\n", "\r", StringComparison.Ordinal),
            4 => text + new string(',', 5000) + "\n",
            _ => text.Insert(_random.Next(text.Length), "\0\"\u2028;"),
        });
    }

    private (string, string)[] OddHeaders() => _random.Next(5) switch
    {
        0 => [("Accept", "text/html")],
        1 => [("Content-Encoding", "gzip")],
        2 => [("If-Match", "\"not-an-etag\"")],
        3 => [("Accept", "application/xml"), ("Accept-Charset", "utf-32")],
        _ => [("X-Forwarded-For", "999.999.999.999"), ("X-MS-CLIENT-PRINCIPAL", "not-base64!")],
    };

    private static byte[] Huge(string? contentType, string marker) => contentType == "text/csv"
        ? Encoding.UTF8.GetBytes("id,name,email,role,timeZone\n" + string.Concat(Enumerable.Repeat($"h{marker},H,h@example.com,mentor,UTC\n", 300_000)))
        : Encoding.UTF8.GetBytes("{\"id\":\"" + marker + "\",\"name\":\"" + new string('n', 2 * 1024 * 1024) + "\"}");

    private string OddSegment(string path)
    {
        var segments = path.Split('?')[0].Split('/');
        var at = segments.Length == 1 ? 0 : 1 + _random.Next(segments.Length - 1);
        segments[at] = OddSegments[_random.Next(OddSegments.Length)];
        return string.Join('/', segments);
    }

    private static string Token(string text) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    private static string WithQuery(string path, string query) => path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query;
}
