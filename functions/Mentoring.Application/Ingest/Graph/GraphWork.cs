namespace Mentoring.Application.Ingest.Graph;

/// <summary>What one authentic Graph notification asks the queue handler to do.</summary>
public enum GraphWorkKind
{
    /// <summary>An event was created or updated: GET it (and, for a series master, re-read its occurrences).</summary>
    FetchEvent,

    /// <summary>An event was deleted: it carries only the id; record a cancellation.</summary>
    EventDeleted,

    /// <summary>Lifecycle <c>reauthorizationRequired</c>: reauthorize (PATCH the subscription) before it expires.</summary>
    Reauthorize,

    /// <summary>Lifecycle <c>subscriptionRemoved</c>: create a new subscription and resync with delta.</summary>
    Recreate,

    /// <summary>Lifecycle <c>missed</c>: notifications were lost; resync with <c>calendarView/delta</c>.</summary>
    Resync,
}

/// <summary>One unit of Graph work, from a notification whose clientState matched.</summary>
/// <param name="Kind">What to do.</param>
/// <param name="SubscriptionId">The subscription it came from.</param>
/// <param name="Resource">The resource path (e.g. <c>Users/{id}/Events/{id}</c>), for fetch and delete.</param>
/// <param name="EventId">The event id from <c>resourceData.id</c>.</param>
public sealed record GraphWork(GraphWorkKind Kind, string SubscriptionId, string? Resource, string? EventId);
