using System.Text.Json;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Serialization.Json;

namespace Mentoring.Application.Ingest.Graph;

/// <summary>Reads a Graph event from JSON with the SDK's own (Kiota) deserialiser, as the client does.</summary>
public static class GraphEventJson
{
    public static Event? TryRead(ReadOnlyMemory<byte> body)
    {
        if (!System.Text.Unicode.Utf8.IsValid(body.Span))
            return null;
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return null;
            return new JsonParseNode(document.RootElement).GetObjectValue(Event.CreateFromDiscriminatorValue);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or OverflowException or ArgumentException)
        {
            return null; // not in the documented shape
        }
    }
}
