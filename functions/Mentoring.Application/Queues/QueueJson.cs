using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using Mentoring.Application.Storage;

namespace Mentoring.Application.Queues;

/// <summary>Queue message bodies: JSON, at most 64 KiB once base64-encoded (the Storage Queues limit).</summary>
internal static class QueueJson
{
    /// <summary>64 KiB of base64 is 48 KiB of JSON.</summary>
    public const int MaxJsonBytes = 64 * 1024 / 4 * 3;

    public static string Serialize<T>(T message)
    {
        var json = JsonSerializer.Serialize(message, StorageJson.Options);
        if (Encoding.UTF8.GetByteCount(json) > MaxJsonBytes)
            throw new InvalidOperationException($"A {typeof(T).Name} message is larger than the queue allows (64 KiB base64).");
        return json;
    }

    /// <summary>The message as JSON, or null when it would not fit in a queue message.</summary>
    public static string? SerializeOrNull<T>(T message)
    {
        var json = JsonSerializer.Serialize(message, StorageJson.Options);
        return Encoding.UTF8.GetByteCount(json) > MaxJsonBytes ? null : json;
    }

    /// <summary>Parses a body; on failure gives a reason fit for a log line (no content, only what was wrong).</summary>
    public static bool TryParse<T>(string body, [NotNullWhen(true)] out T? message, out string reason)
        where T : class
    {
        message = null;
        try
        {
            message = JsonSerializer.Deserialize<T>(body, StorageJson.Options);
        }
        catch (JsonException e)
        {
            reason = $"not a {typeof(T).Name}: {e.GetType().Name} at {e.Path ?? "$"}";
            return false;
        }

        reason = message is null ? $"not a {typeof(T).Name}: null" : "";
        return message is not null;
    }
}
