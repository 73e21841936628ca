using System.Text.Json;

namespace Mentoring.Application.Ingest.Webhooks;

/// <summary>How provider JSON is read: case-insensitive names, unknown fields ignored, no trailing garbage.</summary>
internal static class CalendarJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        MaxDepth = 32,
    };
}
