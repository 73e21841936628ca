using System.Globalization;
using System.Text.Json;

namespace Mentoring.Application.Ingest.Normalising;

/// <summary>Tolerant reads from provider JSON: a missing field or one of the wrong type reads as null.</summary>
internal static class JsonRead
{
    public static JsonElement? Prop(this JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
            return null;
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                return property.Value;
        }

        return null;
    }

    public static JsonElement? Obj(this JsonElement element, string name) =>
        element.Prop(name) is { ValueKind: JsonValueKind.Object } value ? value : null;

    public static IEnumerable<JsonElement> Arr(this JsonElement element, string name) =>
        element.Prop(name) is { ValueKind: JsonValueKind.Array } value ? value.EnumerateArray() : [];

    public static string? Str(this JsonElement element, string name) =>
        element.Prop(name) switch
        {
            { ValueKind: JsonValueKind.String } value => value.GetString() is { Length: > 0 } text ? text : null,
            { ValueKind: JsonValueKind.Number } value => value.GetRawText(),
            _ => null,
        };

    public static bool? Bool(this JsonElement element, string name) =>
        element.Prop(name) switch
        {
            { ValueKind: JsonValueKind.True } => true,
            { ValueKind: JsonValueKind.False } => false,
            _ => null,
        };

    public static DateTimeOffset? Date(this JsonElement element, string name) =>
        Instant(element.Str(name));

    public static DateTimeOffset? Instant(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : null;

    /// <summary>Parses a document, or null when it is not JSON (or nested deeper than providers nest).</summary>
    public static JsonDocument? TryParse(ReadOnlyMemory<byte> body)
    {
        // JsonDocument checks structure eagerly but string contents only when read: reject bad UTF-8 up front.
        if (!System.Text.Unicode.Utf8.IsValid(body.Span))
            return null;
        try
        {
            return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
