using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Mentoring.Application.Ingest.Webhooks;

namespace Mentoring.Tests.Calendars.Support;

/// <summary>Provider-shaped payloads from Calendars/Samples and signing as each provider signs.</summary>
internal static class Sample
{
    public static readonly DateTimeOffset Now = new(2025, 3, 18, 14, 0, 0, TimeSpan.Zero);

    public static byte[] Bytes(string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Calendars", "Samples", name));

    public static string Text(string name) => Encoding.UTF8.GetString(Bytes(name));

    public static string[] All(string provider) =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Calendars", "Samples", provider), "*.json")
            .Select(p => $"{provider}/{Path.GetFileName(p)}")
            .Order(StringComparer.Ordinal)
            .ToArray();

    public static string HexHmac(string secret, byte[] data) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data));

    public static byte[] Concat(string prefix, byte[] body) => [.. Encoding.UTF8.GetBytes(prefix), .. body];

    /// <summary>The same JSON, serialised again (compact): different bytes, same meaning.</summary>
    public static byte[] Reserialised(byte[] body) => Encoding.UTF8.GetBytes(JsonNode.Parse(body)!.ToJsonString());

    public static byte[] FlipOneByte(byte[] body, int index)
    {
        var copy = (byte[])body.Clone();
        copy[index] ^= 0x01;
        return copy;
    }

    public static ProviderWebhookOptions Secrets(params string[] secrets) => new() { Secrets = secrets };

    public static WebhookRequest Request(byte[] body, params (string Name, string Value)[] headers) =>
        new(body, headers.Select(h => KeyValuePair.Create(h.Name, h.Value)));
}
