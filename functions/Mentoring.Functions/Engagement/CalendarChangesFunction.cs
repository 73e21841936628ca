using Azure.Storage.Queues.Models;
using Mentoring.Application.Engagement;
using Mentoring.Application.Queues;
using Microsoft.Azure.Functions.Worker;

namespace Mentoring.Functions.Engagement;

internal sealed class CalendarChangesFunction(QueueInvocation invocation, CalendarChangeHandler handler)
{
    [Function("CalendarChanges")]
    public Task Run([QueueTrigger(QueueNames.CalendarChanges)] QueueMessage message, CancellationToken ct) =>
        invocation.RunAsync<CalendarChanges>(QueueNames.CalendarChanges, message.MessageId, message.Body.ToString(), handler.HandleAsync, ct);
}
