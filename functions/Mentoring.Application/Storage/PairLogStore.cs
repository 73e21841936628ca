using System.Net;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Mentoring.Application.Integration;
using Mentoring.Engine.Health;
using Mentoring.Engine.Ledger;
using Mentoring.Engine.Messages;

namespace Mentoring.Application.Storage;

/// <summary>The state a pair's last evaluation left, and the ids of the evaluations already applied.</summary>
internal sealed record PairState(
    DateTimeOffset EvaluatedAt,
    DateTimeOffset NextEvaluationAt,
    RiskLevel RiskLevel,
    int Score,
    int MeetingsHeld,
    DateTimeOffset? LastSetbackAt,
    string EpisodeKey,
    IReadOnlyList<string> AppliedEvaluations);

/// <summary>Where an outbox row lives: the dispatcher gets this from the queue.</summary>
internal sealed record OutboxRef(string Partition, string RowKey);

internal enum OutboxStatus
{
    Pending,
    Sending,
    Sent,
    /// <summary>Not sent: no address takes it, or the address is suppressed (the reason says which).</summary>
    Skipped,
    /// <summary>Refused for good by the provider (the reason says why); never retried.</summary>
    Failed,
    /// <summary>Not sent: it stopped being true while it waited (its ladder episode closed, the pair paused).</summary>
    Cancelled,
}

/// <summary>
/// A decided message: the outbox row and the history row at once (the engine reads it back as a <see cref="SentMessage"/>).
/// </summary>
internal sealed record OutboxMessage(
    OutboxRef Ref,
    string ProgramId,
    string? PairId,
    MessageDecision Decision,
    DateTimeOffset DecidedAt,
    OutboxStatus Status = OutboxStatus.Pending,
    DateTimeOffset? ClaimedAt = null,
    DateTimeOffset? SentAt = null,
    ETag ETag = default,
    string? StatusReason = null,
    int Attempts = 0,
    string? DeliveryState = null,
    DateTimeOffset? DeliveryAt = null)
{
    /// <summary>Nothing more will happen to it: sent, skipped, failed or cancelled.</summary>
    public bool IsFinal => Status is OutboxStatus.Sent or OutboxStatus.Skipped or OutboxStatus.Failed or OutboxStatus.Cancelled;

    public SentMessage ToSentMessage() => Decision.ToSentMessage() with { SentAt = SentAt ?? Decision.NotBefore };
}

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
/// One partition per pair in table <c>pairlogs</c> (PK = program~pair): the evaluation state ("state"), the ledger
/// ("chg~{change id}", insert-if-absent), decided messages ("msg~{idempotency key}": outbox and history in one row) and
/// integration events not yet published ("evt~{event id}"). One partition is one transaction scope.
/// </summary>
internal sealed class PairLogStore(TableServiceClient tables)
{
    public const int MaxTransactionSize = 100;
    private const string StateRow = "state";
    private const string ChangePrefix = "chg~";
    private const string MessagePrefix = "msg~";
    private const string EventPrefix = "evt~";
    private readonly TableClient _table = tables.GetTableClient(TableNames.PairLogs);

    public static OutboxRef RefOf(string partition, string idempotencyKey) => new(partition, MessagePrefix + Keys.Encode(idempotencyKey));

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
            if (e.RowKey == StateRow)
            {
                state = ToState(e);
                stateETag = e.ETag;
            }
            else if (e.RowKey.StartsWith(ChangePrefix, StringComparison.Ordinal))
            {
                ledger.Add(ToChange(e));
            }
            else if (e.RowKey.StartsWith(MessagePrefix, StringComparison.Ordinal))
            {
                messages.Add(ToMessage(e));
            }
            else if (e.RowKey.StartsWith(EventPrefix, StringComparison.Ordinal))
            {
                events.Add(JsonSerializer.Deserialize<IntegrationEvent>(e.GetString("Event"), StorageJson.Options)!);
            }
        }

        return new PairLog(state, stateETag, ledger, messages, events);
    }

    /// <summary>
    /// Removes the free-text reason (a cancellation or postponement reason someone typed) from every ledger change of the
    /// pair; returns how many changes had one. Erasure does this: a reason cannot be told apart as one side's words.
    /// </summary>
    public async Task<int> EraseReasonsAsync(string partition, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and RowKey ge {ChangePrefix} and RowKey lt {ChangePrefix[..^1] + (char)(ChangePrefix[^1] + 1)}");
        var erased = 0;
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: ct))
        {
            if (e.GetString("Reason") is null)
                continue;
            e.Remove("Reason");
            await _table.UpdateEntityAsync(e, ETag.All, TableUpdateMode.Replace, ct);
            erased++;
        }

        return erased;
    }

    /// <summary>Appends ledger changes, insert-if-absent by change id; returns how many were new.</summary>
    public async Task<int> AppendChangesAsync(string partition, IReadOnlyList<LedgerChange> changes, CancellationToken ct)
    {
        var added = 0;
        foreach (var chunk in changes.DistinctBy(c => c.ChangeId, StringComparer.Ordinal).Chunk(MaxTransactionSize))
        {
            var entities = chunk.Select(c => ToEntity(partition, c)).ToList();
            try
            {
                await _table.SubmitTransactionAsync(entities.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)), ct);
                added += entities.Count;
            }
            catch (TableTransactionFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
            {
                // Some of these changes were recorded before (a redelivery): add the others one by one.
                foreach (var entity in entities)
                {
                    if (await _table.TryAddAsync(entity, ct))
                        added++;
                }
            }
        }

        return added;
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
        var stateEntity = ToEntity(partition, state);
        var actions = new List<TableTransactionAction>(1 + messages.Count + events.Count)
        {
            expected == default
                ? new TableTransactionAction(TableTransactionActionType.Add, stateEntity)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, stateEntity, expected),
        };
        actions.AddRange(messages.Select(m => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(m))));
        actions.AddRange(events.Select(e => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(partition, e))));
        if (actions.Count > MaxTransactionSize)
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

    /// <summary>The pair's evaluation state alone (the dispatcher's "is this episode still open?").</summary>
    public async Task<PairState?> GetStateAsync(string partition, CancellationToken ct)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(partition, StateRow, cancellationToken: ct);
        return row.HasValue && row.Value is { } e ? ToState(e) : null;
    }

    /// <summary>Records what the provider said became of a sent message (delivered, bounce, …), under If-Match.</summary>
    public async Task<bool> RecordDeliveryAsync(OutboxRef at, string state, DateTimeOffset when, CancellationToken ct)
    {
        var written = await _table.UpdateAsync(at.Partition, at.RowKey, e =>
        {
            // Events arrive out of order: a later event wins, and a failure is never overwritten by "delivered".
            var previous = e.GetString("DeliveryState");
            if (e.GetDateTimeOffset("DeliveryAt") is { } seen && seen > when)
                return false;
            if (previous is not null && previous != "delivered" && state == "delivered")
                return false;
            e["DeliveryState"] = state;
            e["DeliveryAt"] = when;
            return true;
        }, ct);
        return written is not null;
    }

    public async Task<OutboxMessage?> GetMessageAsync(OutboxRef at, CancellationToken ct)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(at.Partition, at.RowKey, cancellationToken: ct);
        return row.HasValue && row.Value is { } e ? ToMessage(e) : null;
    }

    /// <summary>Writes a new status on an outbox row with If-Match on the ETag read; false when someone wrote in between.</summary>
    public async Task<OutboxMessage?> TryUpdateStatusAsync(
        OutboxMessage message, OutboxStatus status, DateTimeOffset at, CancellationToken ct, string? reason = null)
    {
        var entity = ToEntity(message);
        entity["Status"] = status.ToString();
        if (reason is not null)
            entity["StatusReason"] = reason;
        if (status == OutboxStatus.Sending)
            entity["Attempts"] = message.Attempts + 1;
        if (status == OutboxStatus.Sending)
            entity["ClaimedAt"] = at;
        if (status == OutboxStatus.Sent)
            entity["SentAt"] = at;
        try
        {
            var written = await _table.UpdateEntityAsync(entity, message.ETag, TableUpdateMode.Replace, ct);
            return ToMessage(entity) with { ETag = written.Headers.ETag ?? default };
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.PreconditionFailed)
        {
            return null;
        }
    }

    /// <summary>Adds program-level messages (the crunch) insert-if-absent; returns the ones that were new.</summary>
    public async Task<List<OutboxMessage>> AddMessagesAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken ct)
    {
        var added = new List<OutboxMessage>();
        foreach (var message in messages)
        {
            if (await _table.TryAddAsync(ToEntity(message), ct))
                added.Add(message);
        }

        return added;
    }

    public async Task DeleteEventAsync(string partition, string eventId, CancellationToken ct)
    {
        try
        {
            await _table.DeleteEntityAsync(partition, EventPrefix + Keys.Encode(eventId), ETag.All, ct);
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
            // Published and removed by a concurrent run.
        }
    }

    /// <summary>Program-level messages already decided (the crunch's history).</summary>
    public async Task<List<OutboxMessage>> LoadMessagesAsync(string partition, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {MessagePrefix} and RowKey lt {"msg\u007f"}");
        var rows = await _table.QueryAllAsync(filter, ct);
        return [.. rows.Select(ToMessage)];
    }

    private static TableEntity ToEntity(string partition, PairState s) => new(partition, StateRow)
    {
        ["EvaluatedAt"] = s.EvaluatedAt,
        ["NextEvaluationAt"] = s.NextEvaluationAt,
        ["RiskLevel"] = s.RiskLevel.ToString(),
        ["Score"] = s.Score,
        ["MeetingsHeld"] = s.MeetingsHeld,
        ["LastSetbackAt"] = s.LastSetbackAt,
        ["EpisodeKey"] = s.EpisodeKey,
        ["AppliedEvaluations"] = JsonSerializer.Serialize(s.AppliedEvaluations, StorageJson.Options),
    };

    private static PairState ToState(TableEntity e) => new(
        e.GetDateTimeOffset("EvaluatedAt") ?? default,
        e.GetDateTimeOffset("NextEvaluationAt") ?? default,
        Enum.TryParse<RiskLevel>(e.GetString("RiskLevel"), out var level) ? level : RiskLevel.Healthy,
        e.GetInt32("Score") ?? 100,
        e.GetInt32("MeetingsHeld") ?? 0,
        e.GetDateTimeOffset("LastSetbackAt"),
        e.GetString("EpisodeKey") ?? "",
        JsonSerializer.Deserialize<List<string>>(e.GetString("AppliedEvaluations") ?? "[]", StorageJson.Options) ?? []);

    private static TableEntity ToEntity(string partition, LedgerChange c) => new(partition, ChangePrefix + Keys.Encode(c.ChangeId))
    {
        ["ChangeId"] = c.ChangeId,
        ["MeetingId"] = c.MeetingId,
        ["Kind"] = c.Kind.ToString(),
        ["ChangedAt"] = c.ChangedAt,
        ["Start"] = c.Start,
        ["End"] = c.End,
        ["PreviousStart"] = c.PreviousStart,
        ["ChangedBy"] = c.ChangedBy?.ToString(),
        ["Reason"] = c.Reason,
        ["Source"] = c.Source,
        // Written only when set: rows stay as they were for every change that is neither.
        ["ChangedAtUnknown"] = c.ChangedAtUnknown ? true : null,
        ["Removal"] = c.Removal ? true : null,
    };

    private static LedgerChange ToChange(TableEntity e) => new(
        e.GetString("ChangeId"),
        e.GetString("MeetingId"),
        Enum.Parse<ChangeKind>(e.GetString("Kind")),
        e.GetDateTimeOffset("ChangedAt") ?? default,
        e.GetDateTimeOffset("Start"),
        e.GetDateTimeOffset("End"),
        e.GetDateTimeOffset("PreviousStart"),
        Enum.TryParse<Party>(e.GetString("ChangedBy"), out var by) ? by : null,
        e.GetString("Reason"),
        e.GetString("Source") ?? "unknown",
        e.GetBoolean("ChangedAtUnknown") ?? false,
        e.GetBoolean("Removal") ?? false);

    private static TableEntity ToEntity(OutboxMessage m) => new(m.Ref.Partition, m.Ref.RowKey)
    {
        ["ProgramId"] = m.ProgramId,
        ["PairId"] = m.PairId,
        ["IdempotencyKey"] = m.Decision.IdempotencyKey,
        ["TemplateId"] = m.Decision.TemplateId,
        ["RecipientKind"] = m.Decision.Recipient.Kind.ToString(),
        // The person this row is about, for erasure; null for sponsor and admin messages.
        ["ParticipantId"] = m.Decision.Recipient.ParticipantId,
        ["DueAt"] = m.Decision.DueAt,
        ["NotBefore"] = m.Decision.NotBefore,
        ["Reason"] = m.Decision.Reason,
        ["Facts"] = JsonSerializer.Serialize(m.Decision.Facts, StorageJson.Options),
        ["EpisodeKey"] = m.Decision.EpisodeKey,
        ["MeetingId"] = m.Decision.MeetingId,
        ["Step"] = m.Decision.Step,
        ["DecidedAt"] = m.DecidedAt,
        ["Status"] = m.Status.ToString(),
        ["ClaimedAt"] = m.ClaimedAt,
        ["SentAt"] = m.SentAt,
        ["StatusReason"] = m.StatusReason,
        ["Attempts"] = m.Attempts,
        ["DeliveryState"] = m.DeliveryState,
        ["DeliveryAt"] = m.DeliveryAt,
    };

    private static OutboxMessage ToMessage(TableEntity e)
    {
        var decision = new MessageDecision(
            e.GetString("IdempotencyKey"),
            e.GetString("TemplateId"),
            new Recipient(Enum.Parse<RecipientKind>(e.GetString("RecipientKind")), e.GetString("ParticipantId")),
            e.GetDateTimeOffset("DueAt") ?? default,
            e.GetDateTimeOffset("NotBefore") ?? default,
            e.GetString("Reason") ?? "",
            JsonSerializer.Deserialize<SortedDictionary<string, string>>(e.GetString("Facts") ?? "{}", StorageJson.Options) ?? [],
            e.GetString("EpisodeKey"),
            e.GetString("MeetingId"),
            e.GetInt32("Step"));
        return new OutboxMessage(
            new OutboxRef(e.PartitionKey, e.RowKey),
            e.GetString("ProgramId"),
            e.GetString("PairId"),
            decision,
            e.GetDateTimeOffset("DecidedAt") ?? default,
            Enum.TryParse<OutboxStatus>(e.GetString("Status"), out var status) ? status : OutboxStatus.Pending,
            e.GetDateTimeOffset("ClaimedAt"),
            e.GetDateTimeOffset("SentAt"),
            e.ETag,
            e.GetString("StatusReason"),
            e.GetInt32("Attempts") ?? 0,
            e.GetString("DeliveryState"),
            e.GetDateTimeOffset("DeliveryAt"));
    }

    private static TableEntity ToEntity(string partition, IntegrationEvent e) => new(partition, EventPrefix + Keys.Encode(e.EventId))
    {
        ["Type"] = e.Type,
        ["Event"] = JsonSerializer.Serialize(e, StorageJson.Options),
    };
}
