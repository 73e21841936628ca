using Mentoring.Application.Ingest.Webhooks;

namespace Mentoring.Application.Ingest.CalCom;

/// <summary>
/// Cal.com: <c>X-Cal-Signature-256</c> = hex HMAC-SHA256(secret, raw body). Cal.com sends the literal
/// <c>no-secret-provided</c> when the webhook has no secret; that is rejected. No timestamp is signed.
/// </summary>
public sealed class CalComWebhookVerifier(ProviderWebhookOptions options) : IWebhookVerifier
{
    public const string SignatureHeader = "X-Cal-Signature-256";
    private const string NoSecretProvided = "no-secret-provided";

    public string Provider => CalendarProviders.CalCom;

    public WebhookVerdict Verify(WebhookRequest request, DateTimeOffset now)
    {
        var signature = request.Header(SignatureHeader);
        if (string.IsNullOrEmpty(signature))
            return WebhookVerdict.Rejected("signature header missing");
        if (string.Equals(signature, NoSecretProvided, StringComparison.Ordinal))
            return WebhookVerdict.Rejected("the webhook was registered without a secret");
        if (!options.Usable.Any())
            return WebhookVerdict.Rejected("no secret configured");

        var body = request.Body.Span;
        return Signatures.MatchingSecret(options.Usable, body, signature) is null
            ? WebhookVerdict.Rejected("signature mismatch")
            : WebhookVerdict.Verified(ReplayKeys.OfBody(Provider, body));
    }
}
