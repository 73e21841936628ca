using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mentoring.Application.Queues;
using Mentoring.Application.Storage;
using Microsoft.Extensions.Logging;

namespace Mentoring.Application.Integration.Subscriptions;

/// <summary><c>webhook-deliveries</c>: deliver one event to one subscription (attempt n of <see cref="WebhookDeliveryHandler.MaxAttempts"/>).</summary>
internal sealed record WebhookDeliveryMessage(string DeliveryId, string ProgramId, string SubscriptionId, int Attempt, IntegrationEvent Event);

/// <summary>
/// Sends integration events to subscribers: the publisher hands every event to the inner publisher (Service Bus or the
/// log), then enqueues one delivery per matching subscription. The delivery id is stable (event id + subscription), so
/// a subscriber can drop repeats by <c>webhook-id</c>.
/// </summary>
internal sealed class SubscriptionPublisher(IIntegrationEventPublisher inner, SubscriptionStore subscriptions, MessageQueues queues) : IIntegrationEventPublisher
{
    public async Task PublishAsync(IntegrationEvent integrationEvent, CancellationToken ct)
    {
        await inner.PublishAsync(integrationEvent, ct);
        foreach (var s in await subscriptions.ListAsync(integrationEvent.ProgramId, ct))
        {
            if (s.Wants(integrationEvent.Type))
                await EnqueueAsync(queues, new WebhookDeliveryMessage(DeliveryIdOf(integrationEvent.EventId, s.Id), s.ProgramId, s.Id, 1, integrationEvent), TimeSpan.Zero, ct);
        }
    }

    public static string DeliveryIdOf(string eventId, string subscriptionId) =>
        "msg_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(eventId + "|" + subscriptionId)))[..32];

    public static Task EnqueueAsync(MessageQueues queues, WebhookDeliveryMessage message, TimeSpan delay, CancellationToken ct) =>
        queues.SendAsync(QueueNames.WebhookDeliveries, QueueJson.Serialize(message), delay, ct);
}

/// <summary>
/// Delivers one attempt: signs per Standard Webhooks, POSTs, logs the attempt. A failure (non-2xx, timeout, network)
/// is retried through the queue with a visibility delay (5 s, 5 min, 30 min, 2 h, 5 h, 10 h); after the last it is
/// logged as failed. Nothing is thrown for a subscriber's failure: the queue's poison path is for our own faults.
/// </summary>
internal sealed partial class WebhookDeliveryHandler(
    SubscriptionStore subscriptions, MessageQueues queues, IHttpClientFactory http, TimeProvider time, ILogger<WebhookDeliveryHandler> logger)
{
    public const string HttpClientName = "webhooks";

    public static IReadOnlyList<TimeSpan> Backoff { get; } =
        [TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5), TimeSpan.FromHours(10)];

    public static int MaxAttempts => Backoff.Count + 1;

    public async Task HandleAsync(WebhookDeliveryMessage message, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (await subscriptions.GetAsync(message.ProgramId, message.SubscriptionId, ct) is not { } subscription)
            return;
        var body = JsonSerializer.Serialize(
            new { type = message.Event.Type, timestamp = message.Event.OccurredAt, data = new { eventId = message.Event.EventId, programId = message.Event.ProgramId, pairId = message.Event.PairId, attributes = message.Event.Data } },
            StorageJson.Options);
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("webhook-id", message.DeliveryId);
        request.Headers.Add("webhook-timestamp", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", StandardWebhooks.Sign(subscription.Secret, message.DeliveryId, now, body));

        int? status = null;
        string outcome;
        try
        {
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, ct);
            status = (int)response.StatusCode;
            outcome = response.IsSuccessStatusCode ? "delivered" : "rejected";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            outcome = Outbound.RefusedTargetException.IsIn(e) ? Outbound.RefusedTargetException.Kind : "unreachable";
        }

        DateTimeOffset? next = null;
        if (outcome != "delivered")
        {
            if (message.Attempt < MaxAttempts)
            {
                var delay = Backoff[message.Attempt - 1];
                next = now + delay;
                await SubscriptionPublisher.EnqueueAsync(queues, message with { Attempt = message.Attempt + 1 }, delay, ct);
            }
            else
            {
                outcome = "failed";
            }
        }

        await subscriptions.LogAsync(message.ProgramId, message.SubscriptionId,
            new DeliveryAttempt(message.DeliveryId, message.Event.Type, message.Attempt, now, status, outcome, next), ct);
        LogAttempt(message.DeliveryId, message.SubscriptionId, message.Attempt, outcome, status ?? 0);
    }

    [LoggerMessage(7101, LogLevel.Information, "Webhook delivery {DeliveryId} to subscription {SubscriptionId}, attempt {Attempt}: {Outcome} ({Status})")]
    private partial void LogAttempt(string deliveryId, string subscriptionId, int attempt, string outcome, int status);
}
