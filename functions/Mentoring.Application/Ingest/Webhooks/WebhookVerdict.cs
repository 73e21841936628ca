namespace Mentoring.Application.Ingest.Webhooks;

/// <summary>What a verifier decided about one delivery. Expected outcomes are values, never exceptions.</summary>
public enum WebhookOutcome
{
    /// <summary>Authentic: dedupe it by <see cref="WebhookVerdict.ReplayKey"/>, enqueue the raw body, answer 2xx.</summary>
    Verified,

    /// <summary>Not authentic or not well formed: answer 4xx and store nothing.</summary>
    Rejected,

    /// <summary>A provider handshake (Graph validationToken, Zoom url_validation): answer with <see cref="WebhookVerdict.Response"/>, enqueue nothing.</summary>
    Handshake,
}

/// <summary>The decision about one webhook delivery.</summary>
/// <param name="Outcome">Verified, rejected or a handshake to answer.</param>
/// <param name="Reason">Why it was rejected (safe to log: no secrets, no addresses).</param>
/// <param name="ReplayKey">For verified deliveries: the key to insert-if-absent before enqueueing.</param>
/// <param name="Response">For handshakes: the body to answer with.</param>
/// <param name="ResponseContentType">For handshakes: the content type of <paramref name="Response"/>.</param>
public sealed record WebhookVerdict(
    WebhookOutcome Outcome,
    string? Reason = null,
    string? ReplayKey = null,
    string? Response = null,
    string? ResponseContentType = null)
{
    public static WebhookVerdict Verified(string replayKey) => new(WebhookOutcome.Verified, ReplayKey: replayKey);

    public static WebhookVerdict Rejected(string reason) => new(WebhookOutcome.Rejected, Reason: reason);

    public static WebhookVerdict Handshake(string response, string contentType) =>
        new(WebhookOutcome.Handshake, Response: response, ResponseContentType: contentType);
}
