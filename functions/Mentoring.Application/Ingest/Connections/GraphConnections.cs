using Mentoring.Application.Ingest.Graph;
using Mentoring.Application.Ingest.Normalising;
using Mentoring.Application.Ingest.Webhooks;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;

namespace Mentoring.Application.Ingest.Connections;

/// <summary>
/// A Graph connection's work: fetch a notified event, resync with <c>calendarView/delta</c> from the saved delta link,
/// renew the subscription (<c>PATCH expirationDateTime</c>) or, when it is gone, create a new one and resync.
/// </summary>
internal sealed class GraphConnections(
    GraphServiceClient graph,
    GraphCalendarClient events,
    ConnectionStore connections,
    LedgerIngest ingest,
    IOptions<CalendarClientOptions> options,
    IOptions<WebhookOptions> webhooks,
    TimeProvider time)
{
    /// <summary>
    /// GETs the event a notification named from the connection's mailbox and appends what it means to the connection's
    /// program (a series master: its deleted occurrences).
    /// </summary>
    public async Task<Normalised> FetchAsync(string deliveryId, CalendarConnection connection, string eventId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var graphEvent = await events.GetEventAsync(connection.Resource, eventId, ct);
        return await ingest.IngestAsync(
            $"{deliveryId}/{eventId}",
            CalendarProviders.Graph,
            connection.ProgramId,
            aliases => graphEvent is null ? Normalised.Of([GraphEventNormaliser.Deleted(eventId, now, aliases)]) : GraphEventNormaliser.Normalise(graphEvent, now, aliases),
            ct);
    }

    public Task<Normalised> DeletedAsync(string deliveryId, CalendarConnection connection, string eventId, CancellationToken ct) =>
        ingest.IngestAsync($"{deliveryId}/{eventId}", CalendarProviders.Graph, connection.ProgramId, aliases => Normalised.Of([GraphEventNormaliser.Deleted(eventId, time.GetUtcNow(), aliases)]), ct);

    /// <summary>Reads every change since the saved delta link (a first sync reads the window around now) and keeps the new link.</summary>
    public async Task ResyncAsync(CalendarConnection connection, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var window = options.Value.SyncWindow;
        var delta = await events.DeltaAsync(connection.Resource, now - window, now + window, connection.Cursor, ct);
        var runId = $"graph-delta/{connection.ConnectionId}/{now.UtcTicks}";
        foreach (var graphEvent in delta.Events)
            await ingest.IngestAsync($"{runId}/{graphEvent.Id}", CalendarProviders.Graph, connection.ProgramId, aliases => GraphEventNormaliser.Normalise(graphEvent, now, aliases), ct);
        foreach (var removed in delta.RemovedIds)
            await ingest.IngestAsync($"{runId}/{removed}", CalendarProviders.Graph, connection.ProgramId, aliases => Normalised.Of([GraphEventNormaliser.Deleted(removed, now, aliases)]), ct);
        await connections.UpdateAsync(connection.Provider, connection.ConnectionId, c => c with { Cursor = delta.DeltaLink }, ct);
    }

    /// <summary>PATCHes the subscription's expiry; a 404 (removed) creates a new subscription and resyncs.</summary>
    public async Task RenewAsync(CalendarConnection connection, CancellationToken ct)
    {
        var expires = time.GetUtcNow() + options.Value.Graph.SubscriptionLifetime;
        try
        {
            if (connection.SubscriptionId is null)
                throw new Microsoft.Graph.Models.ODataErrors.ODataError { ResponseStatusCode = 404 };
            await graph.Subscriptions[connection.SubscriptionId].PatchAsync(new Subscription { ExpirationDateTime = expires }, cancellationToken: ct);
            await connections.UpdateAsync(connection.Provider, connection.ConnectionId, c => c with { ExpiresAt = expires }, ct);
        }
        catch (Microsoft.Graph.Models.ODataErrors.ODataError e) when (e.ResponseStatusCode == 404)
        {
            await RecreateAsync(connection, ct);
        }
    }

    /// <summary>Creates a new subscription for the user's events (after <c>subscriptionRemoved</c>) and resyncs with delta.</summary>
    public async Task RecreateAsync(CalendarConnection connection, CancellationToken ct)
    {
        var o = options.Value.Graph;
        var expires = time.GetUtcNow() + o.SubscriptionLifetime;
        var created = await graph.Subscriptions.PostAsync(
            new Subscription
            {
                ChangeType = "created,updated,deleted",
                Resource = $"/users/{connection.Resource}/events",
                NotificationUrl = (o.NotificationUrl ?? throw new InvalidOperationException("Calendars:Graph:NotificationUrl is not set.")).AbsoluteUri,
                LifecycleNotificationUrl = o.LifecycleNotificationUrl?.AbsoluteUri,
                ClientState = webhooks.Value.Graph.Usable.First(),
                ExpirationDateTime = expires,
            },
            cancellationToken: ct) ?? throw new InvalidOperationException("POST /subscriptions answered without a subscription.");
        var renewed = connection with { SubscriptionId = created.Id, ExpiresAt = created.ExpirationDateTime ?? expires };
        await connections.SaveAsync(renewed, ct);
        if (connection.SubscriptionId is { } old && old != created.Id)
            await connections.ForgetSubscriptionAsync(connection.Provider, old, ct);
        await ResyncAsync(renewed, ct);
    }

    /// <summary>Deletes the subscription; one already gone (404) is as good as deleted.</summary>
    public async Task StopAsync(CalendarConnection connection, CancellationToken ct)
    {
        if (connection.SubscriptionId is not { } id)
            return;
        try
        {
            await graph.Subscriptions[id].DeleteAsync(cancellationToken: ct);
        }
        catch (Microsoft.Graph.Models.ODataErrors.ODataError e) when (e.ResponseStatusCode == 404)
        {
        }
    }
}
