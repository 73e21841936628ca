using Azure.Storage.Queues.Models;
using Mentoring.Application.Integration.Subscriptions;
using Mentoring.Application.Queues;
using Microsoft.Azure.Functions.Worker;

namespace Mentoring.Functions.Integration;

internal sealed class WebhookDeliveryFunction(QueueInvocation invocation, WebhookDeliveryHandler handler)
{
    [Function("WebhookDelivery")]
    public Task Run([QueueTrigger(QueueNames.WebhookDeliveries)] QueueMessage message, CancellationToken ct) =>
        invocation.RunAsync<WebhookDeliveryMessage>(QueueNames.WebhookDeliveries, message.MessageId, message.Body.ToString(), handler.HandleAsync, ct);
}
