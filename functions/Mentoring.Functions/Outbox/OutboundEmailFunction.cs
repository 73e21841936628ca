using Azure.Storage.Queues.Models;
using Mentoring.Application.Outbox;
using Mentoring.Application.Queues;
using Microsoft.Azure.Functions.Worker;

namespace Mentoring.Functions.Outbox;

internal sealed class OutboundEmailFunction(QueueInvocation invocation, EmailDispatchHandler handler)
{
    [Function("OutboundEmail")]
    public Task Run([QueueTrigger(QueueNames.OutboundEmail)] QueueMessage message, CancellationToken ct) =>
        invocation.RunAsync<SendEmail>(QueueNames.OutboundEmail, message.MessageId, message.Body.ToString(), handler.HandleAsync, ct);
}
