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

    /// <summary>
    /// Reading is strict where writing is not: every constructor parameter without a default must be present, and a
    /// parameter that is not nullable may not be null. A message missing its program id is refused here, with the name
    /// of what is missing, rather than failing somewhere inside a handler.
    /// </summary>
    private static readonly JsonSerializerOptions ReadOptions = new(StorageJson.Options)
    {
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

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
            message = JsonSerializer.Deserialize<T>(body, ReadOptions);
        }
        catch (JsonException e)
        {
            reason = $"not a {typeof(T).Name}: {Why(e)}";
            return false;
        }

        reason = message is null ? $"not a {typeof(T).Name}: null" : "";
        return message is not null;
    }

    /// <summary>What was wrong, naming properties but never quoting the body.</summary>
    private static string Why(JsonException e)
    {
        const string Missing = "missing required properties including: ";
        var at = e.Message.IndexOf(Missing, StringComparison.Ordinal);
        if (at >= 0)
            return "missing required " + e.Message[(at + Missing.Length)..].TrimEnd('.');
        if (e.Message.Contains("doesn't allow null values", StringComparison.Ordinal) || e.Message.Contains("null value", StringComparison.OrdinalIgnoreCase))
            return $"null where a value is required at {e.Path ?? "$"}";
        return $"{e.GetType().Name} at {e.Path ?? "$"}";
    }
}
