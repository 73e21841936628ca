using Mentoring.Application.Queues;
using Mentoring.Application.Roster;
using Mentoring.Application.Storage;
using Mentoring.Engine.Ledger;
using Microsoft.Extensions.Logging;

namespace Mentoring.Application.Ingest;

internal enum CalendarChangeOutcome
{
    Appended,
    Duplicate,
    PairGone,
}

/// <summary>
/// Normalised changes to a pair's meetings from one delivery (a webhook, a feed poll, a check-in, a booking, an admin's
/// log). Every producer hands them to <see cref="CalendarChangeHandler"/> in process; they never travel on a queue.
/// </summary>
internal sealed record CalendarChanges(string DeliveryId, string ProgramId, string PairId, IReadOnlyList<LedgerChange> Changes);

/// <summary>
/// Appends a delivery's changes to the pair's ledger (insert-if-absent by change id), asks for
/// an evaluation, and records the delivery as done. A redelivery finds it done and changes nothing; so does a delivery
/// all of whose changes the ledger already had (<see cref="CalendarChangeOutcome.Duplicate"/> either way).
/// </summary>
internal sealed partial class CalendarChangeHandler(
    PairStore pairs, LedgerStore ledgers, DedupeStore dedupe, MessageQueues queues, TimeProvider time, ILogger<CalendarChangeHandler> logger)
{
    private const string Scope = QueueNames.CalendarChanges;

    public async Task<CalendarChangeOutcome> HandleAsync(CalendarChanges message, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (await dedupe.IsDoneAsync(Scope, message.DeliveryId, ct))
            return CalendarChangeOutcome.Duplicate;

        if (await pairs.GetAsync(message.ProgramId, message.PairId, ct) is null)
        {
            LogPairGone(message.DeliveryId, message.ProgramId, message.PairId);
            await dedupe.TryMarkDoneAsync(Scope, message.DeliveryId, now, ct);
            return CalendarChangeOutcome.PairGone;
        }

        var added = await ledgers.AppendChangesAsync(Keys.PairLog(message.ProgramId, message.PairId), message.Changes, ct);
        // Enqueued even when nothing was new: a first try may have appended and then died before this line.
        await queues.EvaluateAsync(new EvaluatePair("calendar/" + message.DeliveryId, message.ProgramId, message.PairId), ct);
        await dedupe.TryMarkDoneAsync(Scope, message.DeliveryId, now, ct);
        LogAppended(message.DeliveryId, message.PairId, added);
        return added > 0 ? CalendarChangeOutcome.Appended : CalendarChangeOutcome.Duplicate;
    }

    [LoggerMessage(4501, LogLevel.Information, "Delivery {DeliveryId} added {Added} ledger changes to pair {PairId}")]
    private partial void LogAppended(string deliveryId, string pairId, int added);

    [LoggerMessage(4502, LogLevel.Information, "Delivery {DeliveryId} is for pair {ProgramId}/{PairId}, which no longer exists; skipped")]
    private partial void LogPairGone(string deliveryId, string programId, string pairId);
}
