using System.Text.Json;
using Mentoring.Application.Calendars.CalCom;
using Mentoring.Application.Calendars.Calendly;
using Mentoring.Application.Calendars.Connections;
using Mentoring.Application.Calendars.Google;
using Mentoring.Application.Calendars.Graph;
using Mentoring.Application.Calendars.Normalising;
using Mentoring.Application.Calendars.Webhooks;
using Mentoring.Application.Calendars.Zoom;
using Mentoring.Application.Engagement;
using Mentoring.Application.Queues;
using Mentoring.Application.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mentoring.Application.Calendars.Ingest;

/// <summary>
/// <c>calendar-changes</c>, a raw delivery: per provider, normalise (Cal.com, Calendly, Zoom from the body; Graph: GET
/// the event, or run the lifecycle work; Google: <c>events.list</c> from the saved sync token) and append through
/// <see cref="LedgerIngest"/>. A delivery that is not in its provider's shape is parked in poison (ids in the log), not
/// retried. Failures of Graph or Google propagate: the queue retries.
/// </summary>
internal sealed partial class CalendarDeliveryHandler(
    LedgerIngest ingest,
    MeetingStore meetings,
    GraphConnections graph,
    GoogleConnections google,
    ConnectionStore connections,
    MessageQueues queues,
    IOptions<WebhookOptions> webhooks,
    ILogger<CalendarDeliveryHandler> logger)
{
    public async Task HandleAsync(CalendarDelivery delivery, CancellationToken ct)
    {
        if (delivery.Provider == CalendarDelivery.Rematch)
        {
            await ingest.RematchAsync(ct);
            return;
        }

        byte[] body;
        try
        {
            body = delivery.BodyBytes();
        }
        catch (FormatException)
        {
            await ParkAsync(delivery, "body is not base64", ct);
            return;
        }

        var id = delivery.DeliveryId;
        var result = delivery.Provider switch
        {
            CalendarProviders.CalCom => await ingest.IngestAsync(id, delivery.Provider, a => CalComNormaliser.Normalise(body, a), ct),
            CalendarProviders.Calendly => await ingest.IngestAsync(id, delivery.Provider, a => CalendlyNormaliser.Normalise(body, a), ct),
            CalendarProviders.Zoom => await ZoomAsync(id, body, ct),
            CalendarProviders.Graph => await GraphAsync(id, body, ct),
            CalendarProviders.Google => await GoogleAsync(delivery, ct),
            _ => Normalised.Invalid("unknown provider"),
        };
        if (result.Status == NormalisedStatus.Invalid)
            await ParkAsync(delivery, result.Reason ?? "invalid", ct);
    }

    /// <summary>Zoom: the bookings that used the meeting id, so that the instance goes to the one nearest in time.</summary>
    private async Task<Normalised> ZoomAsync(string deliveryId, byte[] body, CancellationToken ct)
    {
        var uses = ZoomNormaliser.MeetingKeyOf(body) is { } key ? await meetings.UsesAsync(key, ct) : [];
        return await ingest.IngestAsync(deliveryId, CalendarProviders.Zoom, a => ZoomNormaliser.Normalise(body, a, uses), ct);
    }

    private async Task<Normalised> GraphAsync(string deliveryId, byte[] body, CancellationToken ct)
    {
        var batch = GraphNotificationReader.Read(body, webhooks.Value.Graph.Usable);
        if (batch.Work.Count == 0)
            return Normalised.Invalid(batch.Problem ?? "no work");
        foreach (var work in batch.Work)
        {
            switch (work.Kind)
            {
                case GraphWorkKind.FetchEvent when UserOf(work.Resource) is { } user:
                    await graph.FetchAsync(deliveryId, user, work.EventId!, ct);
                    break;
                case GraphWorkKind.EventDeleted:
                    await graph.DeletedAsync(deliveryId, work.EventId!, ct);
                    break;
                case GraphWorkKind.Reauthorize or GraphWorkKind.Recreate or GraphWorkKind.Resync:
                    if (await connections.FindBySubscriptionAsync(CalendarConnection.Graph, work.SubscriptionId, ct) is not { } connection)
                    {
                        LogUnknownSubscription(deliveryId, work.SubscriptionId);
                        break;
                    }

                    await (work.Kind switch
                    {
                        GraphWorkKind.Reauthorize => graph.RenewAsync(connection, ct),
                        GraphWorkKind.Recreate => graph.RecreateAsync(connection, ct),
                        _ => graph.ResyncAsync(connection, ct),
                    });
                    break;
            }
        }

        return Normalised.Of([]);
    }

    private async Task<Normalised> GoogleAsync(CalendarDelivery delivery, CancellationToken ct)
    {
        if (delivery.Header(GoogleWebhookVerifier.ChannelIdHeader) is not { } channel)
            return Normalised.Invalid("channel id missing");
        if (await connections.FindByChannelAsync(channel, ct) is not { } connection)
        {
            LogUnknownChannel(delivery.DeliveryId);
            return Normalised.Of([]); // a channel renewed since: the new one's sync catches everything
        }

        await google.SyncAsync(delivery.DeliveryId, connection, ct);
        return Normalised.Of([]);
    }

    /// <summary>The user id in a Graph resource path (<c>Users/{id}/Events/{id}</c>).</summary>
    private static string? UserOf(string? resource) =>
        resource?.Split('/', StringSplitOptions.RemoveEmptyEntries) is [var users, var user, ..] && users.Equals("users", StringComparison.OrdinalIgnoreCase)
            ? user
            : null;

    private async Task ParkAsync(CalendarDelivery delivery, string reason, CancellationToken ct)
    {
        await queues.ParkAsync(QueueNames.CalendarChanges, JsonSerializer.Serialize(delivery, StorageJson.Options), ct);
        LogParked(delivery.DeliveryId, delivery.Provider, reason);
    }

    [LoggerMessage(4201, LogLevel.Warning, "Delivery {DeliveryId} from {Provider} is not usable ({Reason}); parked in poison")]
    private partial void LogParked(string deliveryId, string provider, string reason);

    [LoggerMessage(4202, LogLevel.Information, "Delivery {DeliveryId}: Graph subscription {SubscriptionId} is not one of ours")]
    private partial void LogUnknownSubscription(string deliveryId, string subscriptionId);

    [LoggerMessage(4203, LogLevel.Information, "Delivery {DeliveryId}: the Google channel is no longer current; skipped")]
    private partial void LogUnknownChannel(string deliveryId);
}

/// <summary>
/// The <c>calendar-changes</c> queue carries two shapes: raw webhook deliveries (with <c>provider</c>) and normalised
/// changes (check-ins, replays). Both hosts call this one entry point.
/// </summary>
internal sealed class CalendarQueue(QueueInvocation invocation, CalendarDeliveryHandler deliveries, CalendarChangeHandler changes)
{
    public Task RunAsync(string messageId, string body, CancellationToken ct) =>
        IsDelivery(body)
            ? invocation.RunAsync<CalendarDelivery>(QueueNames.CalendarChanges, messageId, body, deliveries.HandleAsync, ct)
            : invocation.RunAsync<CalendarChanges>(QueueNames.CalendarChanges, messageId, body, changes.HandleAsync, ct);

    private static bool IsDelivery(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.Prop("provider") is not null;
        }
        catch (JsonException)
        {
            return false; // the changes parser parks it with its reason
        }
    }
}
