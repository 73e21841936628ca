using System.Security.Cryptography;

namespace Mentoring.Application.Outbox.Webhooks;

/// <summary>The Event Webhook's verification key, from section <c>SendGrid</c> (Mail Settings → Signed Event Webhook).</summary>
internal sealed class SendGridEventOptions
{
    /// <summary>Base64 DER SubjectPublicKeyInfo of SendGrid's ECDSA P-256 key, as SendGrid shows it. Unset: the webhook refuses everything.</summary>
    public string? EventWebhookPublicKey { get; set; }

    /// <summary>How far the signed timestamp may be from now.</summary>
    public TimeSpan EventWebhookTolerance { get; set; } = TimeSpan.FromMinutes(5);

    public bool HasValidKey => string.IsNullOrWhiteSpace(EventWebhookPublicKey) || TryImport(EventWebhookPublicKey) is { } key && Dispose(key);

    public static ECDsa? TryImport(string? base64Spki)
    {
        if (string.IsNullOrWhiteSpace(base64Spki))
            return null;
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportSubjectPublicKeyInfo(Convert.FromBase64String(base64Spki.Trim()), out _);
            if (ecdsa.KeySize == 256)
                return ecdsa;
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            // not a P-256 SubjectPublicKeyInfo
        }

        ecdsa.Dispose();
        return null;
    }

    private static bool Dispose(ECDsa d)
    {
        d.Dispose();
        return true;
    }
}
