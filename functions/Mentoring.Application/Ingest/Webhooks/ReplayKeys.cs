using System.Security.Cryptography;

namespace Mentoring.Application.Ingest.Webhooks;

/// <summary>
/// Replay keys: the caller inserts one row per key (insert-if-absent; 409 = already seen) before enqueueing.
/// Providers without a delivery id are keyed by a hash of the raw body: a retry of one delivery repeats its bytes.
/// </summary>
internal static class ReplayKeys
{
    public static string OfBody(string provider, ReadOnlySpan<byte> body) =>
        $"{provider}:{Convert.ToHexStringLower(SHA256.HashData(body))}";

    public static string OfDelivery(string provider, string deliveryId) =>
        $"{provider}:{Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(deliveryId)))}";
}
