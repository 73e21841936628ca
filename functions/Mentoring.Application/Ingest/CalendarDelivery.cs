namespace Mentoring.Application.Ingest;

/// <summary>
/// <c>calendar-changes</c>: one verified webhook delivery, raw, for the queue handler to normalise and match.
/// The body is base64 (its bytes exactly as received); headers are only the ones the handler needs (Google's channel).
/// </summary>
/// <param name="DeliveryId">The replay key the endpoint deduped on: stable per delivery.</param>
/// <param name="Provider">The provider (<see cref="Webhooks.CalendarProviders"/>).</param>
/// <param name="ReceivedAt">When the endpoint accepted it.</param>
/// <param name="Body">The raw body, base64.</param>
/// <param name="Headers">Provider headers the handler reads (none for providers whose body says everything).</param>
/// <param name="ProgramId">
/// Cal.com, Calendly, Zoom: the program of the route it came in on (<c>webhooks/{provider}/{programId}</c>), whose pairs
/// alone it may match. Graph and Google: none (their connection's program).
/// </param>
internal sealed record CalendarDelivery(
    string DeliveryId,
    string Provider,
    DateTimeOffset ReceivedAt,
    string Body,
    IReadOnlyDictionary<string, string>? Headers = null,
    string? ProgramId = null)
{
    /// <summary>
    /// Not a provider: "match again what matched no pair" (<see cref="Roster.PairDirectoryChanges"/>). No route accepts
    /// it; only this application puts it on the queue.
    /// </summary>
    public const string Rematch = "rematch";

    public byte[] BodyBytes() => Convert.FromBase64String(Body);

    public string? Header(string name) =>
        Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
