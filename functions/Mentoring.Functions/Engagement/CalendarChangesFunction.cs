using Azure.Storage.Queues.Models;
using Mentoring.Application.Calendars.Ingest;
using Mentoring.Application.Queues;
using Microsoft.Azure.Functions.Worker;

namespace Mentoring.Functions.Engagement;

internal sealed class CalendarChangesFunction(CalendarQueue calendar)
{
    [Function("CalendarChanges")]
    public Task Run([QueueTrigger(QueueNames.CalendarChanges)] QueueMessage message, CancellationToken ct) =>
        calendar.RunAsync(message.MessageId, message.Body.ToString(), ct);
}
