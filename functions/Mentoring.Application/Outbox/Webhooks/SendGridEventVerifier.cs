using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Mentoring.Application.Outbox.Webhooks;

internal enum EventWebhookVerdict
{
    Valid,
    NotConfigured,
    MissingHeaders,
    StaleTimestamp,
    BadSignature,
}

/// <summary>
/// SendGrid's Signed Event Webhook: <c>X-Twilio-Email-Event-Webhook-Signature</c> is a base64 DER ECDSA (P-256,
/// SHA-256) signature over the <c>X-Twilio-Email-Event-Webhook-Timestamp</c> value followed by the raw body bytes.
/// The timestamp must be within the tolerance of now (SendGrid signs it but sets no window; we allow ±5 minutes).
/// </summary>
internal static class SendGridEventVerifier
{
    public const string SignatureHeader = "X-Twilio-Email-Event-Webhook-Signature";
    public const string TimestampHeader = "X-Twilio-Email-Event-Webhook-Timestamp";

    public static EventWebhookVerdict Verify(
        SendGridEventOptions options, string? signature, string? timestamp, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        using var key = SendGridEventOptions.TryImport(options.EventWebhookPublicKey);
        if (key is null)
            return EventWebhookVerdict.NotConfigured;
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(timestamp) || timestamp.Length > 20)
            return EventWebhookVerdict.MissingHeaders;
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            || (DateTimeOffset.FromUnixTimeSeconds(seconds) - now).Duration() > options.EventWebhookTolerance)
            return EventWebhookVerdict.StaleTimestamp;

        byte[] der;
        try
        {
            der = Convert.FromBase64String(signature);
        }
        catch (FormatException)
        {
            return EventWebhookVerdict.BadSignature;
        }

        var signed = new byte[Encoding.ASCII.GetByteCount(timestamp) + body.Length];
        Encoding.ASCII.GetBytes(timestamp, signed);
        body.CopyTo(signed.AsSpan(signed.Length - body.Length));
        try
        {
            return key.VerifyData(signed, der, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)
                ? EventWebhookVerdict.Valid
                : EventWebhookVerdict.BadSignature;
        }
        catch (CryptographicException)
        {
            return EventWebhookVerdict.BadSignature;
        }
    }
}
