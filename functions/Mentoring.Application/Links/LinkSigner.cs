using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mentoring.Engine.Messages;
using Microsoft.Extensions.Options;

namespace Mentoring.Application.Links;

/// <summary>
/// Signs and verifies the links in our emails: <c>base64url(payload) "." base64url(HMAC-SHA256(key, payload))</c>, the
/// payload a JSON array of version, purpose, program, pair, message, recipient and expiry (Unix seconds), and for an
/// unsubscribe link the kind it stops ("ladder"; links signed before kinds have none and stop all). Verification
/// tries the current and the previous key (rotation) in constant time, then checks purpose and expiry.
/// </summary>
internal sealed class LinkSigner(IOptions<LinkOptions> options)
{
    /// <summary>Longer tokens are refused before any work.</summary>
    public const int MaxTokenLength = 2048;

    private const string Version = "l1";
    private const int MacLength = 32;

    public string Sign(LinkClaims claims)
    {
        var payload = Payload(claims);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.SigningKey), payload);
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(mac);
    }

    /// <summary>The link's URL under the public base: <c>{base}/api/{route}/{token}</c>.</summary>
    public string Url(string route, LinkClaims claims) =>
        options.Value.BaseUrl.ToString().TrimEnd('/') + "/" + Hosting.Routes.Prefix + "/" + route + "/" + Sign(claims);

    public bool TryVerify(string? token, IReadOnlyCollection<LinkPurpose> expected, DateTimeOffset now, out VerifiedLink? link, out LinkRefusal refusal)
    {
        link = null;
        refusal = LinkRefusal.Malformed;
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
            return false;
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == token.Length - 1)
            return false;

        byte[] payload;
        var given = new byte[MacLength];
        try
        {
            payload = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
            if (Base64Url.DecodeFromChars(token.AsSpan(dot + 1), given, out _, out var written) != System.Buffers.OperationStatus.Done
                || written != MacLength)
                return false;
        }
        catch (FormatException)
        {
            return false;
        }

        var matched = false;
        Span<byte> expectedMac = stackalloc byte[MacLength];
        foreach (var key in options.Value.VerificationKeys())
        {
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), payload, expectedMac);
            matched |= CryptographicOperations.FixedTimeEquals(expectedMac, given);
        }

        if (!matched)
        {
            refusal = LinkRefusal.BadSignature;
            return false;
        }

        if (Parse(payload) is not { } claims)
            return false;
        if (!expected.Contains(claims.Purpose))
        {
            refusal = LinkRefusal.WrongPurpose;
            return false;
        }

        if (claims.ExpiresAt <= now)
        {
            refusal = LinkRefusal.Expired;
            return false;
        }

        link = new VerifiedLink(claims, Convert.ToHexStringLower(SHA256.HashData(payload))[..32]);
        return true;
    }

    private static byte[] Payload(LinkClaims c)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            json.WriteStringValue(Version);
            json.WriteNumberValue((int)c.Purpose);
            json.WriteStringValue(c.ProgramId);
            if (c.PairId is null)
                json.WriteNullValue();
            else
                json.WriteStringValue(c.PairId);
            json.WriteStringValue(c.MessageKey);
            json.WriteStringValue(c.RecipientKey);
            json.WriteNumberValue(c.ExpiresAt.ToUnixTimeSeconds());
            if (c.Kind is { } kind)
                json.WriteStringValue(EmailKindNames.Format(kind));
            json.WriteEndArray();
        }

        return buffer.ToArray();
    }

    private static LinkClaims? Parse(byte[] payload)
    {
        try
        {
            using var json = JsonDocument.Parse(payload);
            var a = json.RootElement;
            if (a.ValueKind != JsonValueKind.Array || a.GetArrayLength() is not (7 or 8) || a[0].GetString() != Version)
                return null;
            EmailKinds? kind = a.GetArrayLength() == 8 ? EmailKindNames.Parse(a[7].GetString()) : null;
            if (kind == EmailKinds.None)
                return null;
            var purpose = (LinkPurpose)a[1].GetInt32();
            if (!Enum.IsDefined(purpose))
                return null;
            return new LinkClaims(
                purpose,
                a[2].GetString() ?? "",
                a[3].ValueKind == JsonValueKind.Null ? null : a[3].GetString(),
                a[4].GetString() ?? "",
                a[5].GetString() ?? "",
                DateTimeOffset.FromUnixTimeSeconds(a[6].GetInt64()),
                kind);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
