using System.Collections.Concurrent;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Mentoring.Application.Calendars.Ingest;
using Mentoring.Application.Calendars.Webhooks;
using Mentoring.Application.Queues;
using Mentoring.Application.Storage;

namespace Mentoring.IngestBench;

/// <summary>
/// After a run without a pump: is every delivery answered 202 in <c>dedupe</c> and on <c>calendar-changes</c>? One
/// point read per accepted delivery, and the queue read to the end. A delivery answered 503 may have left a message
/// (enqueue comes first): the provider's retry and the ledger's change ids make that harmless, so it is only counted.
/// </summary>
internal sealed class AcceptedCheck
{
    private readonly ConcurrentBag<string> _accepted = [];

    public int Count => _accepted.Count;

    public void Accepted(byte[] body) => _accepted.Add(ReplayKeys.OfBody(CalendarProviders.CalCom, body));

    public async Task<string> VerifyAsync(TableServiceClient tables, QueueServiceClient queues)
    {
        var table = tables.GetTableClient(TableNames.Dedupe);
        var missingRows = 0;
        await Parallel.ForEachAsync(_accepted, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (key, ct) =>
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(Keys.Encode(WebhookIngest.DedupeScope), Keys.Encode(key), ["PartitionKey"], ct);
            if (!row.HasValue)
                Interlocked.Increment(ref missingRows);
        });

        var queued = new HashSet<string>(StringComparer.Ordinal);
        var queue = queues.GetQueueClient(QueueNames.CalendarChanges);
        var messages = 0;
        while (true)
        {
            var batch = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(10))).Value;
            if (batch.Length == 0)
                break;
            foreach (var message in batch)
            {
                messages++;
                if (QueueJson.TryParse<CalendarDelivery>(message.Body.ToString(), out var delivery, out _))
                    queued.Add(delivery.DeliveryId);
            }
        }

        var missingMessages = _accepted.Count(key => !queued.Contains(key));
        var extra = messages - _accepted.Count;
        return $"accepted (202) by the local host: {_accepted.Count}; without a dedupe row: {missingRows}; without a queue message: {missingMessages}; "
            + $"messages on calendar-changes: {messages} ({extra} beyond the 202s, left by deliveries answered 503)"
            + (missingRows == 0 && missingMessages == 0 ? " -> every 202 is stored and queued" : " -> LOST DELIVERIES");
    }
}
