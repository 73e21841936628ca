using System.Net;
using Azure;
using Azure.Data.Tables;
using Mentoring.Application.Ingest;
using Mentoring.Application.Integration;
using Mentoring.Application.Outbox;
using Mentoring.Application.Storage;
using Mentoring.Engine.Ledger;

namespace Mentoring.Application.Evaluation;

/// <summary>Everything stored in one pair's partition.</summary>
internal sealed record PairLog(
    PairState? State,
    ETag StateETag,
    IReadOnlyList<LedgerChange> Ledger,
    IReadOnlyList<OutboxMessage> Messages,
    IReadOnlyList<IntegrationEvent> PendingEvents);

/// <summary>Thrown when a partition transaction lost a race (412 or 409): reload and decide again.</summary>
internal sealed class ConcurrentEvaluationException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// A pair's partition as an evaluation sees it (<see cref="PairPartition"/>): read whole, and written back in one
/// transaction — the state under If-Match with the messages and events it decided. The rows of each kind are mapped by
/// their own stage's <c>*Rows</c>.
/// </summary>
internal sealed class PairLogStore(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(TableNames.PairLogs);

    public async Task<PairLog> LoadAsync(string partition, CancellationToken ct)
    {
        PairState? state = null;
        var stateETag = default(ETag);
        var ledger = new List<LedgerChange>();
        var messages = new List<OutboxMessage>();
        var events = new List<IntegrationEvent>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: ct))
        {
            if (e.RowKey == PairStateRows.RowKey)
            {
                state = PairStateRows.ToState(e);
                stateETag = e.ETag;
            }
            else if (e.RowKey.StartsWith(PairPartition.ChangePrefix, StringComparison.Ordinal))
            {
                ledger.Add(LedgerRows.ToChange(e));
            }
            else if (e.RowKey.StartsWith(PairPartition.MessagePrefix, StringComparison.Ordinal))
            {
                messages.Add(OutboxRows.ToMessage(e));
            }
            else if (e.RowKey.StartsWith(PairPartition.EventPrefix, StringComparison.Ordinal))
            {
                events.Add(PendingEventRows.ToEvent(e));
            }
        }

        return new PairLog(state, stateETag, ledger, messages, events);
    }

    /// <summary>The pair's evaluation state alone (the dispatcher's "is this episode still open?").</summary>
    public async Task<PairState?> GetStateAsync(string partition, CancellationToken ct)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(partition, PairStateRows.RowKey, cancellationToken: ct);
        return row.HasValue && row.Value is { } e ? PairStateRows.ToState(e) : null;
    }

    /// <summary>
    /// Writes an evaluation in one transaction: the state under If-Match (insert when there was none), and the new
    /// messages and events insert-if-absent. Throws <see cref="ConcurrentEvaluationException"/> when another
    /// evaluation got there first.
    /// </summary>
    public async Task CommitEvaluationAsync(
        string partition,
        PairState state,
        ETag expected,
        IReadOnlyList<OutboxMessage> messages,
        IReadOnlyList<IntegrationEvent> events,
        CancellationToken ct)
    {
        var stateEntity = PairStateRows.ToEntity(partition, state);
        var actions = new List<TableTransactionAction>(1 + messages.Count + events.Count)
        {
            expected == default
                ? new TableTransactionAction(TableTransactionActionType.Add, stateEntity)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, stateEntity, expected),
        };
        actions.AddRange(messages.Select(m => new TableTransactionAction(TableTransactionActionType.Add, OutboxRows.ToEntity(m))));
        actions.AddRange(events.Select(e => new TableTransactionAction(TableTransactionActionType.Add, PendingEventRows.ToEntity(partition, e))));
        if (actions.Count > PairPartition.MaxTransactionSize)
        {
            // Rare (a long-silent pair with a whole campaign due): messages first, each insert-if-absent, then the state,
            // whose If-Match still makes a concurrent evaluation lose and retry.
            foreach (var action in actions.Skip(1))
                await _table.TryAddAsync(action.Entity, ct);
            actions.RemoveRange(1, actions.Count - 1);
        }

        try
        {
            await _table.SubmitTransactionAsync(actions, ct);
        }
        catch (TableTransactionFailedException e) when (e.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.Conflict)
        {
            throw new ConcurrentEvaluationException($"Evaluation of partition {partition} lost a race.", e);
        }
    }
}
