using System.Net;
using Azure;
using Azure.Data.Tables;
using Mentoring.Application.Storage;
using Mentoring.Engine.Ledger;

namespace Mentoring.Application.Ingest;

/// <summary>A pair's ledger: one row per change ("chg~{change id}" in the pair's partition), insert-if-absent.</summary>
internal sealed class LedgerStore(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(TableNames.PairLogs);

    /// <summary>Appends ledger changes, insert-if-absent by change id; returns how many were new.</summary>
    public async Task<int> AppendChangesAsync(string partition, IReadOnlyList<LedgerChange> changes, CancellationToken ct)
    {
        var added = 0;
        foreach (var chunk in changes.DistinctBy(c => c.ChangeId, StringComparer.Ordinal).Chunk(PairPartition.MaxTransactionSize))
        {
            var entities = chunk.Select(c => LedgerRows.ToEntity(partition, c)).ToList();
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
    /// Removes the free-text reason (a cancellation or postponement reason someone typed) from every ledger change of the
    /// pair; returns how many changes had one. Erasure does this: a reason cannot be told apart as one side's words.
    /// </summary>
    public async Task<int> EraseReasonsAsync(string partition, CancellationToken ct)
    {
        var erased = 0;
        await foreach (var e in _table.QueryAsync<TableEntity>(PairPartition.RowsOf(partition, PairPartition.ChangePrefix), maxPerPage: 1000, cancellationToken: ct))
        {
            if (e.GetString("Reason") is null)
                continue;
            e.Remove("Reason");
            await _table.UpdateEntityAsync(e, ETag.All, TableUpdateMode.Replace, ct);
            erased++;
        }

        return erased;
    }
}

/// <summary>A ledger change as a row of the pair's partition.</summary>
internal static class LedgerRows
{
    public static TableEntity ToEntity(string partition, LedgerChange c) => new(partition, PairPartition.ChangePrefix + Keys.Encode(c.ChangeId))
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

    public static LedgerChange ToChange(TableEntity e) => new(
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
}
