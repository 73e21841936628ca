using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Mentoring.Application.Storage;
using Mentoring.Engine.Messages;

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
/// deployment hashes alike and two deployments' lists cannot be joined. A row's <c>Kinds</c> ("ladder,campaign") names
/// the kinds of email it stops; a row without it stops all of them — every row written before unsubscribe by kind, and
/// every bounce, spam report and erasure since.
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

    /// <summary>Whether every kind of email to the address from this program is stopped (everywhere or in this program).</summary>
    public async Task<bool> IsSuppressedAsync(string address, string programId, CancellationToken ct) =>
        await StoppedAsync(address, programId, ct) == EmailKinds.All;

    /// <summary>The kinds of email the address takes no more from this program: its rows everywhere (RK "") and in this program.</summary>
    public async Task<EmailKinds> StoppedAsync(string address, string programId, CancellationToken ct)
    {
        var hash = await HashAsync(address, ct);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {hash} and (RowKey eq {Everywhere} or RowKey eq {ScopeOf(programId)})");
        var stopped = EmailKinds.None;
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: 2, select: [KindsColumn], cancellationToken: ct))
            stopped |= KindsOf(row);
        return stopped;
    }

    /// <summary>
    /// The person's own choice of what to stop, everywhere: the kinds given and no others (none: the row goes). A row that
    /// stops all for another reason — a bounce, a spam report — is not theirs to lift and stays. Returns what is stopped
    /// now. Read, then written with the row's ETag, so two choices made at once end as one of them, never a mix.
    /// </summary>
    public async Task<EmailKinds> ChooseAsync(string address, EmailKinds stop, string source, DateTimeOffset now, CancellationToken ct)
    {
        var hash = await HashAsync(address, ct);
        stop &= EmailKinds.All;
        for (var attempt = 0; ; attempt++)
        {
            var found = await _table.GetEntityIfExistsAsync<TableEntity>(hash, Everywhere, cancellationToken: ct);
            var row = found.HasValue ? found.Value : null;
            if (row is not null && row.GetString("Reason") != nameof(SuppressionReason.Unsubscribed))
                return KindsOf(row);
            try
            {
                if (stop == EmailKinds.None)
                {
                    if (row is not null)
                        await _table.DeleteEntityAsync(hash, Everywhere, row.ETag, ct);
                }
                else if (row is null)
                {
                    if (!await _table.TryAddAsync(Row(hash, Everywhere, SuppressionReason.Unsubscribed, source, now, stop), ct))
                        continue; // added meanwhile: read it again
                }
                else
                {
                    await _table.UpdateEntityAsync(Row(hash, Everywhere, SuppressionReason.Unsubscribed, source, now, stop), row.ETag, TableUpdateMode.Replace, ct);
                }

                return stop;
            }
            catch (Azure.RequestFailedException e) when ((e.Status is 404 or 412) && attempt < 5)
            {
                // changed or deleted since the read: read it again
            }
        }
    }

    /// <summary>
    /// Stops every kind of email to the address (insert-if-absent: the first reason stays, but a row that stopped only some
    /// kinds is widened to all: a bounce must stop the campaign of someone who had stopped only the ladder); false when it
    /// was already suppressed there. Without
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

    private async Task<bool> AddAsync(string hash, string scope, SuppressionReason reason, string source, DateTimeOffset now, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await _table.TryAddAsync(Row(hash, scope, reason, source, now, EmailKinds.All), ct))
                return true;
            var found = await _table.GetEntityIfExistsAsync<TableEntity>(hash, scope, cancellationToken: ct);
            if (!found.HasValue || found.Value is not { } row)
                continue; // deleted meanwhile (a resubscribe): add it again
            if (KindsOf(row) == EmailKinds.All)
                return false;
            try
            {
                await _table.UpdateEntityAsync(Row(hash, scope, reason, source, now, EmailKinds.All), row.ETag, TableUpdateMode.Replace, ct);
                return true;
            }
            catch (Azure.RequestFailedException e) when ((e.Status is 404 or 412) && attempt < 5)
            {
                // changed since the read: look again
            }
        }
    }

    private const string KindsColumn = "Kinds";

    /// <summary>A row's kinds: none named means all (every row written before kinds, every bounce and erasure).</summary>
    private static EmailKinds KindsOf(TableEntity row) =>
        row.GetString(KindsColumn) is { Length: > 0 } kinds ? EmailKindNames.Parse(kinds) : EmailKinds.All;

    private static TableEntity Row(string hash, string scope, SuppressionReason reason, string source, DateTimeOffset now, EmailKinds kinds)
    {
        var row = new TableEntity(hash, scope)
        {
            ["Reason"] = reason.ToString(),
            ["Source"] = source,
            ["SuppressedAt"] = now,
        };
        if (kinds != EmailKinds.All)
            row[KindsColumn] = EmailKindNames.Format(kinds);
        return row;
    }

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
