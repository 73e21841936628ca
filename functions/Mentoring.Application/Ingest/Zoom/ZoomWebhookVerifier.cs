using System.Text.Json;
using Mentoring.Application.Ingest.Webhooks;

namespace Mentoring.Application.Ingest.Zoom;

/// <summary>
/// Zoom: <c>x-zm-signature: v0=</c> + hex HMAC-SHA256(secret token, "v0:{x-zm-request-timestamp}:{raw body}"),
/// timestamp within ±5 minutes. An <c>endpoint.url_validation</c> request, once its signature checks out, is answered with
/// <c>{"plainToken":…,"encryptedToken":hex(HMAC-SHA256(secret, plainToken))}</c>. Answering an unsigned one would
/// hand anyone an HMAC oracle over our secret, so it is rejected like any other unsigned delivery.
/// </summary>
public sealed class ZoomWebhookVerifier(ProviderWebhookOptions options) : IWebhookVerifier
{
    public const string SignatureHeader = "x-zm-signature";
    public const string TimestampHeader = "x-zm-request-timestamp";
    private const string UrlValidation = "endpoint.url_validation";
    private const int MaxPlainTokenLength = 256;

    public string Provider => CalendarProviders.Zoom;

    public WebhookVerdict Verify(WebhookRequest request, DateTimeOffset now)
    {
        var signature = request.Header(SignatureHeader);
        var timestamp = request.Header(TimestampHeader);
        if (string.IsNullOrEmpty(signature) || !signature.StartsWith("v0=", StringComparison.Ordinal))
            return WebhookVerdict.Rejected("signature header missing or malformed");
        if (SignedTimestamp.Problem(timestamp, now) is { } problem)
            return WebhookVerdict.Rejected(problem);
        if (!options.Usable.Any())
            return WebhookVerdict.Rejected("no secret configured");

        var body = request.Body.Span;
        var signed = Signatures.Prefixed($"v0:{timestamp}:", body);
        var secret = Signatures.MatchingSecret(options.Usable, signed, signature[3..]);
        if (secret is null)
            return WebhookVerdict.Rejected("signature mismatch");

        return PlainToken(body) switch
        {
            { Length: 0 or > MaxPlainTokenLength } => WebhookVerdict.Rejected("url validation without a usable plainToken"),
            { } plainToken => WebhookVerdict.Handshake(
                JsonSerializer.Serialize(
                    new ZoomUrlValidationAnswer(plainToken, Signatures.HexHmac(secret, System.Text.Encoding.UTF8.GetBytes(plainToken))),
                    CalendarJson.Options),
                "application/json"),
            null => WebhookVerdict.Verified(ReplayKeys.OfBody(Provider, body)),
        };
    }

    /// <summary>The plainToken of a url validation request ("" when it lacks one), or null for any other event.</summary>
    private static string? PlainToken(ReadOnlySpan<byte> body)
    {
        if (!System.Text.Unicode.Utf8.IsValid(body))
            return null;
        try
        {
            var envelope = JsonSerializer.Deserialize<ZoomEnvelope>(body, CalendarJson.Options);
            if (!string.Equals(envelope?.Event, UrlValidation, StringComparison.Ordinal))
                return null;
            return envelope!.Payload is { ValueKind: JsonValueKind.Object } payload
                && payload.TryGetProperty("plainToken", out var token)
                && token.ValueKind == JsonValueKind.String
                ? token.GetString() ?? string.Empty
                : string.Empty;
        }
        catch (JsonException)
        {
            return null; // signed but not JSON: the queue handler reports it as invalid
        }
    }
}
