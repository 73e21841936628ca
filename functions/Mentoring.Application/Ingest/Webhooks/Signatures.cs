using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Mentoring.Application.Ingest.Webhooks;

/// <summary>HMAC-SHA256 over raw bytes and constant-time comparison with a provider's hex signature.</summary>
internal static class Signatures
{
    private const int HmacLength = 32;

    /// <summary>Tries every secret (no early exit) and returns the one whose HMAC of <paramref name="signed"/> equals the hex signature.</summary>
    public static string? MatchingSecret(IEnumerable<string> secrets, ReadOnlySpan<byte> signed, string? hexSignature)
    {
        Span<byte> given = stackalloc byte[HmacLength];
        if (!TryDecodeHex(hexSignature, given))
            return null;

        Span<byte> expected = stackalloc byte[HmacLength];
        string? match = null;
        foreach (var secret in secrets)
        {
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed, expected);
            if (CryptographicOperations.FixedTimeEquals(expected, given))
                match ??= secret;
        }

        return match;
    }

    /// <summary>Builds <c>prefix + body</c> as bytes, for providers that sign a prefixed body.</summary>
    public static byte[] Prefixed(string prefix, ReadOnlySpan<byte> body)
    {
        var prefixLength = Encoding.UTF8.GetByteCount(prefix);
        var buffer = new byte[prefixLength + body.Length];
        Encoding.UTF8.GetBytes(prefix, buffer);
        body.CopyTo(buffer.AsSpan(prefixLength));
        return buffer;
    }

    public static string HexHmac(string secret, ReadOnlySpan<byte> data) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data));

    /// <summary>True when <paramref name="given"/> equals one of the secrets; compares in constant time.</summary>
    public static bool EqualsAnySecret(IEnumerable<string> secrets, string? given)
    {
        if (given is null)
            return false;
        var givenBytes = Encoding.UTF8.GetBytes(given);
        var found = false;
        foreach (var secret in secrets)
            found |= CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), givenBytes);
        return found;
    }

    private static bool TryDecodeHex(string? hex, Span<byte> destination)
    {
        if (hex is null || hex.Length != destination.Length * 2)
            return false;
        var status = Convert.FromHexString(hex, destination, out var consumed, out var written);
        return status == OperationStatus.Done && consumed == hex.Length && written == destination.Length;
    }
}
