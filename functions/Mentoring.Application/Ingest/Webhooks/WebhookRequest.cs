namespace Mentoring.Application.Ingest.Webhooks;

/// <summary>
/// What a webhook endpoint received: the raw body bytes (never re-serialised), the headers and the URL-decoded query.
/// Header and query names are matched case-insensitively.
/// </summary>
public sealed class WebhookRequest
{
    public WebhookRequest(
        ReadOnlyMemory<byte> body,
        IEnumerable<KeyValuePair<string, string>>? headers = null,
        IEnumerable<KeyValuePair<string, string>>? query = null)
    {
        Body = body;
        Headers = ToDictionary(headers);
        Query = ToDictionary(query);
    }

    public ReadOnlyMemory<byte> Body { get; }

    public IReadOnlyDictionary<string, string> Headers { get; }

    public IReadOnlyDictionary<string, string> Query { get; }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public string? QueryValue(string name) => Query.TryGetValue(name, out var value) ? value : null;

    private static Dictionary<string, string> ToDictionary(IEnumerable<KeyValuePair<string, string>>? pairs)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in pairs ?? [])
            result[key] = value;
        return result;
    }
}
