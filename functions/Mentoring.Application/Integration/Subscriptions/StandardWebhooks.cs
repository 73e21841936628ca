using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Mentoring.Application.Integration.Subscriptions;

/// <summary>
/// Standard Webhooks (standardwebhooks.com) signing: headers <c>webhook-id</c>, <c>webhook-timestamp</c> (Unix
/// seconds) and <c>webhook-signature: v1,&lt;base64 HMAC-SHA256 of "{id}.{timestamp}.{body}"&gt;</c>, keyed with the
/// bytes of a <c>whsec_&lt;base64&gt;</c> secret.
/// </summary>
internal static class StandardWebhooks
{
    public const string SecretPrefix = "whsec_";

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

    public static string Sign(string secret, string id, DateTimeOffset timestamp, string body)
    {
        var key = Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
        var content = $"{id}.{timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}.{body}";
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(content)));
    }

    /// <summary>Whether any of the space-separated signatures matches (constant-time).</summary>
    public static bool Verify(string secret, string id, string timestamp, string body, string signatures)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return false;
        var expected = Encoding.ASCII.GetBytes(Sign(secret, id, DateTimeOffset.FromUnixTimeSeconds(seconds), body));
        return signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), expected));
    }
}
