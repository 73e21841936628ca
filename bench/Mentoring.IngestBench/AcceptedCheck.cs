using System.Collections.Concurrent;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Mentoring.Application.Ingest.Webhooks;
using Mentoring.Application.Queues;
using Mentoring.Application.Storage;

namespace Mentoring.IngestBench;

/// <summary>
/// After a run without a pump: is every delivery answered 202 in <c>dedupe</c> (one point read each), and does
/// <c>calendar-changes</c> hold at least as many messages? The ingest enqueues before it writes the row, so a row
/// means a message. A delivery answered 503 may have left a message: the provider's retry and the ledger's change ids
/// make that harmless, so it is only counted.
/// </summary>
internal sealed class AcceptedCheck
{
    private readonly ConcurrentBag<string> _accepted = [];
    private int _notAccepted;

    public int Count => _accepted.Count;

    public void Accepted(byte[] body) => _accepted.Add(WebhookIngest.ReplayKeyOf(LocalPipeline.ProgramId, ReplayKeys.OfBody(CalendarProviders.CalCom, body)));

    public void NotAccepted() => Interlocked.Increment(ref _notAccepted);

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

        var messages = (await queues.GetQueueClient(QueueNames.CalendarChanges).GetPropertiesAsync()).Value.ApproximateMessagesCount;
        var extra = messages - _accepted.Count;
        return $"accepted (202) by the local host: {_accepted.Count}; without a dedupe row: {missingRows}; "
            + $"messages on calendar-changes: {messages} ({extra:+0;-0} against the 202s; {_notAccepted} deliveries, warm-up included, were answered other than 202)"
            + (missingRows == 0 && extra >= 0 ? " -> every 202 is stored and queued" : " -> LOST DELIVERIES");
    }
}
