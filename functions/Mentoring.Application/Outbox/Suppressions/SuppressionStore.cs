using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Mentoring.Application.Storage;

namespace Mentoring.Application.Outbox.Suppressions;

/// <summary>Why an address takes no more engine email.</summary>
internal enum SuppressionReason
{
    Unsubscribed,
    Bounced,
    Dropped,
    SpamReport,
    /// <summary>The person was erased (GDPR art. 17): the hash keeps them from being written to again.</summary>
    Erased,
}

/// <summary>
/// The suppression list: table <c>suppressions</c>, PK = HMAC-SHA256(deployment key, normalised address) — never the
/// address itself — and RK = the scope: "" everywhere, <c>program~{id}</c> in one program only, so the list survives a person's erasure and still works. The
/// deployment key is random, made on first use and kept in the same table (insert-if-absent), so every instance of one
/// deployment hashes alike and two deployments' lists cannot be joined.
/// </summary>
internal sealed class SuppressionStore(TableServiceClient tables)
{
    private const string KeyPartition = "~deployment";
    private const string KeyRow = "hash-key";
    private const string Everywhere = "";
    private readonly TableClient _table = tables.GetTableClient(TableNames.Suppressions);
    private byte[]? _key;

    /// <summary>Trimmed and lower-cased: the same mailbox however it was typed.</summary>
    public static string Normalise(string address) => address.Trim().ToLowerInvariant();

    public async Task<string> HashAsync(string address, CancellationToken ct)
    {
        var key = _key ?? await LoadKeyAsync(ct);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Normalise(address))));
    }

    /// <summary>Whether email to the address from this program is suppressed: everywhere (RK "") or in this program.</summary>
    public async Task<bool> IsSuppressedAsync(string address, string programId, CancellationToken ct)
    {
        var hash = await HashAsync(address, ct);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {hash} and (RowKey eq {Everywhere} or RowKey eq {ScopeOf(programId)})");
        await foreach (var _ in _table.QueryAsync<TableEntity>(filter, maxPerPage: 2, select: ["PartitionKey"], cancellationToken: ct))
            return true;
        return false;
    }

    /// <summary>
    /// Adds the address (insert-if-absent: the first reason stays); false when it was already suppressed there. Without
    /// <paramref name="programIds"/> everywhere (the person's own unsubscribe, a bounce, a spam report); with them only in
    /// those programs — an erasure, which the erasing admin may decide only for the programs they run.
    /// </summary>
    public async Task<bool> SuppressAsync(
        string address, SuppressionReason reason, string source, DateTimeOffset now, CancellationToken ct, IReadOnlyCollection<string>? programIds = null)
    {
        var hash = await HashAsync(address, ct);
        if (programIds is null)
            return await AddAsync(hash, Everywhere, reason, source, now, ct);
        var added = false;
        foreach (var programId in programIds)
            added |= await AddAsync(hash, ScopeOf(programId), reason, source, now, ct);
        return added;
    }

    private static string ScopeOf(string programId) => "program" + Keys.Separator + Keys.Encode(programId);

    private async Task<bool> AddAsync(string hash, string scope, SuppressionReason reason, string source, DateTimeOffset now, CancellationToken ct) =>
        await _table.TryAddAsync(new TableEntity(hash, scope)
        {
            ["Reason"] = reason.ToString(),
            ["Source"] = source,
            ["SuppressedAt"] = now,
        }, ct);

    private async Task<byte[]> LoadKeyAsync(CancellationToken ct)
    {
        var fresh = RandomNumberGenerator.GetBytes(32);
        await _table.TryAddAsync(new TableEntity(KeyPartition, KeyRow) { ["Key"] = Convert.ToBase64String(fresh) }, ct);
        var stored = await _table.GetEntityAsync<TableEntity>(KeyPartition, KeyRow, cancellationToken: ct);
        var key = Convert.FromBase64String(stored.Value.GetString("Key"));
        _key = key;
        return key;
    }
}
