using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Mentoring.Application.Ingest.Normalising;

namespace Mentoring.Application.Ingest.Google;

/// <summary>The fields we use of a Google service account's JSON key file.</summary>
internal sealed record ServiceAccountKey(string ClientEmail, string PrivateKeyPem, Uri TokenUri, string? PrivateKeyId)
{
    public static bool TryParse(string json, [NotNullWhen(true)] out ServiceAccountKey? key)
    {
        key = null;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || root.Str("client_email") is not { Length: > 0 } email
                || root.Str("private_key") is not { Length: > 0 } pem
                || !Uri.TryCreate(root.Str("token_uri") ?? "https://oauth2.googleapis.com/token", UriKind.Absolute, out var tokenUri))
                return false;
            key = new ServiceAccountKey(email, pem, tokenUri, root.Str("private_key_id"));
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
