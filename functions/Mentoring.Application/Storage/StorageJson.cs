using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mentoring.Application.Storage;

/// <summary>The one JSON shape for stored documents (policies, facts) and queue messages.</summary>
internal static class StorageJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
