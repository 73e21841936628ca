using Azure.Storage.Queues.Models;
using Mentoring.Application.Ingest;
using Mentoring.Application.Queues;
using Microsoft.Azure.Functions.Worker;

namespace Mentoring.Functions.Ingest;

internal sealed class CalendarChangesFunction(CalendarQueue calendar)
{
    [Function("CalendarChanges")]
    public Task Run([QueueTrigger(QueueNames.CalendarChanges)] QueueMessage message, CancellationToken ct) =>
        calendar.RunAsync(message.MessageId, message.Body.ToString(), ct);
}
