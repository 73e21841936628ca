using System.Text.Json;
using Mentoring.Application.Ingest.CalCom;
using Mentoring.Application.Ingest.Calendly;
using Mentoring.Application.Ingest.Connections;
using Mentoring.Application.Ingest.Google;
using Mentoring.Application.Ingest.Graph;
using Mentoring.Application.Ingest.Normalising;
using Mentoring.Application.Ingest.Webhooks;
using Mentoring.Application.Ingest.Zoom;
using Mentoring.Application.Queues;
using Mentoring.Application.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mentoring.Application.Ingest;

/// <summary>
/// <c>calendar-changes</c>, a raw delivery: per provider, normalise (Cal.com, Calendly, Zoom from the body; Graph: GET
/// the event, or run the lifecycle work; Google: <c>events.list</c> from the saved sync token) and append through
/// <see cref="LedgerIngest"/> to pairs of one program: the route's (Cal.com, Calendly, Zoom) or the connection's (Graph,
/// Google). A Graph notification is used only when its subscription is the current one of a connection we hold and its
/// resource is that connection's mailbox; others (a subscription that outlived a disconnect or an erasure) are dropped.
/// A delivery that is not in its provider's shape is parked in poison (ids in the log), not retried. Failures of Graph or
/// Google propagate: the queue retries.
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
    private static readonly Dictionary<string, string> NoAliases = new(0);

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
        var program = delivery.ProgramId;
        var result = delivery.Provider switch
        {
            CalendarProviders.CalCom or CalendarProviders.Calendly or CalendarProviders.Zoom when program is null =>
                Normalised.Invalid("no program (received before deliveries were per program)"),
            CalendarProviders.CalCom => await ingest.IngestAsync(id, delivery.Provider, program!, CalComNormaliser.Normalise(body, NoAliases), ct),
            CalendarProviders.Calendly => await ingest.IngestAsync(id, delivery.Provider, program!, CalendlyNormaliser.Normalise(body, NoAliases), ct),
            CalendarProviders.Zoom => await ZoomAsync(id, program!, body, ct),
            CalendarProviders.Graph => await GraphAsync(id, body, ct),
            CalendarProviders.Google => await GoogleAsync(delivery, ct),
            _ => Normalised.Invalid("unknown provider"),
        };
        if (result.Status == NormalisedStatus.Invalid)
            await ParkAsync(delivery, result.Reason ?? "invalid", ct);
    }

    /// <summary>Zoom: the bookings that used the meeting id, so that the instance goes to the one nearest in time.</summary>
    private async Task<Normalised> ZoomAsync(string deliveryId, string programId, byte[] body, CancellationToken ct)
    {
        var uses = ZoomNormaliser.MeetingKeyOf(body) is { } key ? await meetings.UsesAsync(key, ct) : [];
        return await ingest.IngestAsync(deliveryId, CalendarProviders.Zoom, programId, a => ZoomNormaliser.Normalise(body, a, uses), ct);
    }

    private async Task<Normalised> GraphAsync(string deliveryId, byte[] body, CancellationToken ct)
    {
        var batch = GraphNotificationReader.Read(body, webhooks.Value.Graph.Usable);
        if (batch.Work.Count == 0)
            return Normalised.Invalid(batch.Problem ?? "no work");
        foreach (var work in batch.Work)
        {
            // Only a subscription we hold now: one that outlived its connection (a failed stop after a disconnect or an
            // erasure) or one we never made must not feed any ledger.
            if (await connections.FindBySubscriptionAsync(CalendarConnection.Graph, work.SubscriptionId, ct) is not { } connection)
            {
                LogUnknownSubscription(deliveryId);
                continue;
            }

            switch (work.Kind)
            {
                case GraphWorkKind.FetchEvent or GraphWorkKind.EventDeleted when !IsMailboxOf(connection, work.Resource):
                    LogOtherMailbox(deliveryId, connection.ConnectionId);
                    break;
                case GraphWorkKind.FetchEvent:
                    await graph.FetchAsync(deliveryId, connection, work.EventId!, ct);
                    break;
                case GraphWorkKind.EventDeleted:
                    await graph.DeletedAsync(deliveryId, connection, work.EventId!, ct);
                    break;
                default:
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

    /// <summary>
    /// Whether a notification's resource path (<c>Users/{id}/Events/{id}</c>) is in the connection's mailbox. Graph may
    /// name the user by object id where the connection holds the address: then the subscription id, checked above, is the
    /// binding, and the event is read from the connection's own mailbox either way.
    /// </summary>
    private static bool IsMailboxOf(CalendarConnection connection, string? resource) =>
        resource?.Split('/', StringSplitOptions.RemoveEmptyEntries) is [var users, var user, ..] && users.Equals("users", StringComparison.OrdinalIgnoreCase)
        && (string.Equals(user, connection.Resource, StringComparison.OrdinalIgnoreCase) || Guid.TryParse(user, out _));

    private async Task ParkAsync(CalendarDelivery delivery, string reason, CancellationToken ct)
    {
        await queues.ParkAsync(QueueNames.CalendarChanges, JsonSerializer.Serialize(delivery, StorageJson.Options), ct);
        LogParked(delivery.DeliveryId, delivery.Provider, reason);
    }

    [LoggerMessage(4201, LogLevel.Warning, "Delivery {DeliveryId} from {Provider} is not usable ({Reason}); parked in poison")]
    private partial void LogParked(string deliveryId, string provider, string reason);

    [LoggerMessage(4202, LogLevel.Information, "Delivery {DeliveryId}: a Graph notification for a subscription we do not hold; dropped")]
    private partial void LogUnknownSubscription(string deliveryId);

    [LoggerMessage(4205, LogLevel.Warning, "Delivery {DeliveryId}: a Graph notification names another mailbox than connection {ConnectionId}'s; dropped")]
    private partial void LogOtherMailbox(string deliveryId, string connectionId);

    [LoggerMessage(4203, LogLevel.Information, "Delivery {DeliveryId}: the Google channel is no longer current; skipped")]
    private partial void LogUnknownChannel(string deliveryId);
}

/// <summary>
/// The <c>calendar-changes</c> queue's one entry point for both hosts: raw webhook deliveries and rematch requests.
/// </summary>
internal sealed class CalendarQueue(QueueInvocation invocation, CalendarDeliveryHandler deliveries)
{
    public Task RunAsync(string messageId, string body, CancellationToken ct) =>
        invocation.RunAsync<CalendarDelivery>(QueueNames.CalendarChanges, messageId, body, deliveries.HandleAsync, ct);
}
