using System.Net;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Mentoring.Application.Storage;
using Mentoring.Engine.Messages;

namespace Mentoring.Application.Outbox;

/// <summary>
/// Decided messages: one row per message ("msg~{idempotency key}") in the pair's partition, or in the program's for
/// program-level messages (the crunch). The row is the outbox entry and the history the engine reads back at once.
/// </summary>
internal sealed class OutboxStore(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(TableNames.PairLogs);

    public static OutboxRef RefOf(string partition, string idempotencyKey) => new(partition, PairPartition.MessagePrefix + Keys.Encode(idempotencyKey));

    private static readonly string[] ListedColumns = ["PartitionKey", "RowKey", "PairId", "TemplateId", "RecipientKind", "Status", "DecidedAt", "NotBefore", "SentAt", "Reason"];

    /// <summary>
    /// Up to <paramref name="size"/> message rows of a program's pair partitions in key order — pair by pair —, after
    /// the row at <paramref name="after"/> (null: from the first), and whether more remain.
    /// </summary>
    public async Task<(List<OutboxListing> Rows, bool More)> PageOfProgramAsync(string programId, OutboxRef? after, int size, CancellationToken ct)
    {
        var prefix = Keys.Encode(programId) + Keys.Separator;
        var filter = after is null
            ? TableClient.CreateQueryFilter(
                $"PartitionKey ge {prefix} and PartitionKey lt {prefix + "\u007f"} and RowKey ge {"msg~"} and RowKey lt {"msg\u007f"}")
            : TableClient.CreateQueryFilter(
                $"PartitionKey ge {after.Partition} and PartitionKey lt {prefix + "\u007f"} and RowKey ge {"msg~"} and RowKey lt {"msg\u007f"} and (PartitionKey gt {after.Partition} or RowKey gt {after.RowKey})");
        var (rows, more) = await _table.QueryPageAsync(filter, size, ListedColumns, ct);
        return ([.. rows.Select(e => new OutboxListing(
            new OutboxRef(e.PartitionKey, e.RowKey),
            e.GetString("PairId") ?? "",
            e.GetString("TemplateId") ?? "",
            e.GetString("RecipientKind") ?? "",
            e.GetString("Status") ?? nameof(OutboxStatus.Pending),
            e.GetDateTimeOffset("DecidedAt") ?? default,
            e.GetDateTimeOffset("NotBefore") ?? default,
            e.GetDateTimeOffset("SentAt"),
            e.GetString("Reason") ?? ""))], more);
    }

    /// <summary>Deletes the messages addressed to a participant in one partition (an erasure).</summary>
    public async Task DeleteMessagesToAsync(string partition, string participantId, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and ParticipantId eq {participantId}");
        foreach (var row in await _table.QueryAllAsync(filter, ct))
            await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, ct);
    }

    public async Task<OutboxMessage?> GetMessageAsync(OutboxRef at, CancellationToken ct)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(at.Partition, at.RowKey, cancellationToken: ct);
        return row.HasValue && row.Value is { } e ? OutboxRows.ToMessage(e) : null;
    }

    /// <summary>The messages decided in one partition: a pair's, or a program's (the crunch's history).</summary>
    public async Task<List<OutboxMessage>> LoadMessagesAsync(string partition, CancellationToken ct)
    {
        var rows = await _table.QueryAllAsync(PairPartition.RowsOf(partition, PairPartition.MessagePrefix), ct);
        return [.. rows.Select(OutboxRows.ToMessage)];
    }

    /// <summary>Adds program-level messages (the crunch) insert-if-absent; returns the ones that were new.</summary>
    public async Task<List<OutboxMessage>> AddMessagesAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken ct)
    {
        var added = new List<OutboxMessage>();
        foreach (var message in messages)
        {
            if (await _table.TryAddAsync(OutboxRows.ToEntity(message), ct))
                added.Add(message);
        }

        return added;
    }

    /// <summary>Writes a new status on an outbox row with If-Match on the ETag read; null when someone wrote in between.</summary>
    public async Task<OutboxMessage?> TryUpdateStatusAsync(
        OutboxMessage message, OutboxStatus status, DateTimeOffset at, CancellationToken ct, string? reason = null)
    {
        var entity = OutboxRows.ToEntity(message);
        entity["Status"] = status.ToString();
        if (reason is not null)
            entity["StatusReason"] = reason;
        if (status == OutboxStatus.Sending)
        {
            entity["Attempts"] = message.Attempts + 1;
            entity["ClaimedAt"] = at;
        }

        if (status == OutboxStatus.Sent)
            entity["SentAt"] = at;
        try
        {
            var written = await _table.UpdateEntityAsync(entity, message.ETag, TableUpdateMode.Replace, ct);
            return OutboxRows.ToMessage(entity) with { ETag = written.Headers.ETag ?? default };
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.PreconditionFailed)
        {
            return null;
        }
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
}

/// <summary>A decided message as a row.</summary>
internal static class OutboxRows
{
    public static TableEntity ToEntity(OutboxMessage m) => new(m.Ref.Partition, m.Ref.RowKey)
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

    public static OutboxMessage ToMessage(TableEntity e)
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
}
