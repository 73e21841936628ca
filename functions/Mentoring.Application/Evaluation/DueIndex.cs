using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Mentoring.Application.Storage;

namespace Mentoring.Application.Evaluation;

/// <summary>A pair due for evaluation, as the sweep reads it.</summary>
internal sealed record DueEntry(string ProgramId, string PairId, DateTimeOffset DueAt, string DueKey);

/// <summary>
/// The due-index (docs/decisions/0002-due-index.md): table <c>dueindex</c>, PK = one of 16 shards chosen by a hash of the
/// pair, RK = the due instant's ticks (fixed width) ~ program ~ pair. The sweep asks each shard for the rows whose key
/// sorts before now, in pages; pairs that are not due cost it nothing.
/// </summary>
internal sealed class DueIndex(TableServiceClient tables)
{
    public const int Shards = 16;
    private const char KeySeparator = '|';
    private readonly TableClient _table = tables.GetTableClient(TableNames.DueIndex);

    /// <summary>Puts the pair in the index at <paramref name="dueAt"/>; returns the key to remove it by.</summary>
    public async Task<string> ScheduleAsync(string programId, string pairId, DateTimeOffset dueAt, CancellationToken ct)
    {
        var (entity, dueKey) = EntryOf(programId, pairId, dueAt);
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, ct);
        return dueKey;
    }

    /// <summary>The pair's row in the index at <paramref name="dueAt"/>, and the key to remove it by.</summary>
    internal static (TableEntity Entity, string DueKey) EntryOf(string programId, string pairId, DateTimeOffset dueAt)
    {
        var shard = ShardOf(programId, pairId);
        var rowKey = Keys.Sortable(dueAt) + Keys.Separator + Keys.PairLog(programId, pairId);
        var entity = new TableEntity(shard, rowKey) { ["ProgramId"] = programId, ["PairId"] = pairId, ["DueAt"] = dueAt };
        return (entity, shard + KeySeparator + rowKey);
    }

    /// <summary>
    /// Puts the pair in the index at <paramref name="dueAt"/> and removes its <paramref name="staleKeys"/> in one
    /// transaction: every entry of a pair lives in the pair's shard. When one of them is already gone (another
    /// evaluation removed it) the transaction fails as a whole, and the entries are written one by one instead.
    /// </summary>
    public async Task<string> MoveAsync(string programId, string pairId, DateTimeOffset dueAt, IEnumerable<string?> staleKeys, CancellationToken ct)
    {
        var (entity, dueKey) = EntryOf(programId, pairId, dueAt);
        var shard = entity.PartitionKey;
        var stale = staleKeys.OfType<string>().Where(k => k != dueKey).Distinct(StringComparer.Ordinal).ToList();
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpsertReplace, entity) };
        foreach (var key in stale)
        {
            if (Split(key) is { } at && at.Shard == shard)
                actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(at.Shard, at.RowKey), ETag.All));
        }

        try
        {
            await _table.SubmitTransactionAsync(actions, ct);
            stale.RemoveAll(k => Split(k)?.Shard == shard);
        }
        catch (TableTransactionFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
            await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, ct);
        }

        foreach (var key in stale)
            await RemoveAsync(key, ct);
        return dueKey;
    }

    public async Task RemoveAsync(string dueKey, CancellationToken ct)
    {
        var at = dueKey.IndexOf(KeySeparator, StringComparison.Ordinal);
        if (at < 0)
            return;
        try
        {
            await _table.DeleteEntityAsync(dueKey[..at], dueKey[(at + 1)..], ETag.All, ct);
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
            // Already gone: another evaluation of the same pair removed it.
        }
    }

    /// <summary>The entries due at or before <paramref name="now"/>, shard by shard, a page (≤ 1,000) at a time.</summary>
    public async IAsyncEnumerable<IReadOnlyList<DueEntry>> ReadDueAsync(
        DateTimeOffset now, [EnumeratorCancellation] CancellationToken ct)
    {
        var before = Keys.Sortable(now.AddTicks(1));
        for (var shard = 0; shard < Shards; shard++)
        {
            var partition = ShardName(shard);
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey lt {before}");
            var query = _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["RowKey", "ProgramId", "PairId", "DueAt"], cancellationToken: ct);
            await foreach (var page in query.AsPages())
            {
                if (page.Values.Count == 0)
                    continue;
                yield return [.. page.Values.Select(e => new DueEntry(
                    e.GetString("ProgramId"),
                    e.GetString("PairId"),
                    e.GetDateTimeOffset("DueAt") ?? now,
                    partition + KeySeparator + e.RowKey))];
            }
        }
    }

    /// <summary>The instant the entry named by <paramref name="dueKey"/> fell due; null for a key this index did not write.</summary>
    public static DateTimeOffset? DueAtOf(string dueKey)
    {
        const int Digits = 19; // Keys.Sortable
        return Split(dueKey) is { } at
            && at.RowKey.Length >= Digits
            && long.TryParse(at.RowKey.AsSpan(0, Digits), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks <= DateTimeOffset.MaxValue.UtcTicks
                ? new DateTimeOffset(ticks, TimeSpan.Zero)
                : null;
    }

    private static (string Shard, string RowKey)? Split(string dueKey)
    {
        var at = dueKey.IndexOf(KeySeparator, StringComparison.Ordinal);
        return at < 0 ? null : (dueKey[..at], dueKey[(at + 1)..]);
    }

    internal static string ShardOf(string programId, string pairId)
    {
        // FNV-1a over the pair's key: stable across processes (string.GetHashCode is not).
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(Keys.PairLog(programId, pairId)))
            hash = (hash ^ b) * 16777619u;
        return ShardName((int)(hash % Shards));
    }

    private static string ShardName(int shard) => "due-" + shard.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
}
