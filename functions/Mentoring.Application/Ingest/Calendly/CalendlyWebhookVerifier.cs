using Mentoring.Application.Ingest.Webhooks;

namespace Mentoring.Application.Ingest.Calendly;

/// <summary>
/// Calendly v2: <c>Calendly-Webhook-Signature: t=&lt;unix&gt;,v1=&lt;hex&gt;</c>,
/// v1 = HMAC-SHA256(signing key, "{t}.{raw body}"); t must be within ±5 minutes.
/// </summary>
public sealed class CalendlyWebhookVerifier(ProviderWebhookOptions options) : IWebhookVerifier
{
    public const string SignatureHeader = "Calendly-Webhook-Signature";

    public string Provider => CalendarProviders.Calendly;

    public WebhookVerdict Verify(WebhookRequest request, DateTimeOffset now)
    {
        var header = request.Header(SignatureHeader);
        if (string.IsNullOrEmpty(header))
            return WebhookVerdict.Rejected("signature header missing");

        string? t = null;
        string? v1 = null;
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal))
                t = part[2..];
            else if (part.StartsWith("v1=", StringComparison.Ordinal))
                v1 = part[3..];
        }

        if (t is null || v1 is null)
            return WebhookVerdict.Rejected("signature header malformed");
        if (SignedTimestamp.Problem(t, now) is { } problem)
            return WebhookVerdict.Rejected(problem);
        if (!options.Usable.Any())
            return WebhookVerdict.Rejected("no secret configured");

        var body = request.Body.Span;
        var signed = Signatures.Prefixed($"{t}.", body);
        return Signatures.MatchingSecret(options.Usable, signed, v1) is null
            ? WebhookVerdict.Rejected("signature mismatch")
            : WebhookVerdict.Verified(ReplayKeys.OfBody(Provider, body));
    }
}
