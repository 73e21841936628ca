using System.Text.Json;
using Mentoring.Application.Ingest.Webhooks;

namespace Mentoring.Application.Ingest.Graph;

/// <summary>
/// Reads a Graph notification POST (<c>{"value":[…]}</c>, possibly several subscriptions at once) into work items,
/// dropping every entry whose <c>clientState</c> is not one of ours. Used by the endpoint (to verify) and by the
/// queue handler (to act); never throws for bad input.
/// </summary>
public static class GraphNotificationReader
{
    public static GraphNotificationBatch Read(ReadOnlySpan<byte> body, IEnumerable<string> clientStates)
    {
        GraphNotificationCollection? collection;
        if (!System.Text.Unicode.Utf8.IsValid(body))
            return new GraphNotificationBatch([], 0, "body is not UTF-8");
        try
        {
            collection = JsonSerializer.Deserialize<GraphNotificationCollection>(body, CalendarJson.Options);
        }
        catch (JsonException)
        {
            return new GraphNotificationBatch([], 0, "body is not a Graph notification collection");
        }

        if (collection?.Value is not { Count: > 0 } entries)
            return new GraphNotificationBatch([], 0, "no notifications in the body");

        var secrets = clientStates.ToArray();
        var work = new List<GraphWork>();
        var dropped = 0;
        foreach (var entry in entries)
        {
            if (entry is null || string.IsNullOrEmpty(entry.SubscriptionId) || !Signatures.EqualsAnySecret(secrets, entry.ClientState))
            {
                dropped++;
                continue;
            }

            if (ToWork(entry) is { } item)
                work.Add(item);
            else
                dropped++;
        }

        return new GraphNotificationBatch(work, dropped, work.Count == 0 ? "no notification carried our clientState" : null);
    }

    private static GraphWork? ToWork(GraphNotification entry)
    {
        var id = entry.SubscriptionId!;
        if (entry.LifecycleEvent is { } lifecycle)
        {
            return lifecycle switch
            {
                "reauthorizationRequired" => new GraphWork(GraphWorkKind.Reauthorize, id, null, null),
                "subscriptionRemoved" => new GraphWork(GraphWorkKind.Recreate, id, null, null),
                "missed" => new GraphWork(GraphWorkKind.Resync, id, null, null),
                _ => null,
            };
        }

        var eventId = entry.ResourceData?.Id;
        if (string.IsNullOrEmpty(eventId))
            return null;
        return entry.ChangeType switch
        {
            "created" or "updated" => new GraphWork(GraphWorkKind.FetchEvent, id, entry.Resource, eventId),
            "deleted" => new GraphWork(GraphWorkKind.EventDeleted, id, entry.Resource, eventId),
            _ => null,
        };
    }
}

/// <summary>The kept work items, how many entries were dropped, and why nothing was kept (if so).</summary>
public sealed record GraphNotificationBatch(IReadOnlyList<GraphWork> Work, int Dropped, string? Problem);
