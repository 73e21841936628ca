using System.Text.Json;
using Azure.Data.Tables;
using Mentoring.Application.Ingest.Normalising;
using Mentoring.Application.Roster;
using Mentoring.Application.Storage;

namespace Mentoring.Application.Ingest;

/// <summary>Where a matched meeting belongs: the pair (and its program).</summary>
internal sealed record PairRef(string ProgramId, string PairId);

/// <summary>An observation kept because it matched no pair of its program (null: kept before programs were recorded).</summary>
internal sealed record KeptObservation(string RowKey, string DeliveryId, string? ProgramId, CalendarObservation Observation, DateTimeOffset ExpiresAt);

/// <summary>
/// Table <c>calendarmeetings</c>, keyed by provider key (PK = the encoded key):
/// RK <c>alias</c> → the meeting a later key belongs to (insert-if-absent: the first word stands);
/// RK <c>pair</c> → the pair a meeting was matched to (so a cancellation without participants still finds it);
/// RK <c>link</c> → an admin's explicit link of a series or Zoom meeting to a pair;
/// RK <c>use~{start}~{meeting}</c> → a booking that uses this Zoom meeting id, at its booked slot (<see cref="ZoomUse"/>).
/// PK <c>unmatched</c>, RK = provider: how many observations matched no pair;
/// PK <c>unmatched-kept</c>, RK = program~change id: an observation that matched no pair of the program whose calendar
/// or route delivered it, kept until it expires to be matched again when pairs or participants change (its addresses
/// stay only that long, and go at once when the person is erased).
/// </summary>
internal sealed class MeetingStore(TableServiceClient tables, PairDirectoryChanges directory)
{
    public const string TableName = "calendarmeetings";
    private const int MaxHops = 16;
    private const string UsePrefix = "use~";
    private const string KeptPartition = "unmatched-kept";
    private const int MaxKeptParticipants = 100;
    private readonly TableClient _table = tables.GetTableClient(TableName);

    public Task CreateTableAsync(CancellationToken ct) => _table.CreateIfNotExistsAsync(ct);

    /// <summary>Follows the recorded aliases from each key (chains too) and returns every hop found.</summary>
    public async Task<Dictionary<string, string>> LoadAliasesAsync(IEnumerable<string> keys, CancellationToken ct)
    {
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var start in keys.Distinct(StringComparer.Ordinal))
        {
            var key = start;
            for (var hop = 0; hop < MaxHops && !aliases.ContainsKey(key); hop++)
            {
                var row = await _table.GetEntityIfExistsAsync<TableEntity>(Keys.Encode(key), "alias", ["MeetingId"], ct);
                if (!row.HasValue || row.Value?.GetString("MeetingId") is not { } next || next == key)
                    break;
                aliases[key] = next;
                key = next;
            }
        }

        return aliases;
    }

    public async Task AddAliasesAsync(IEnumerable<MeetingAlias> aliases, CancellationToken ct)
    {
        foreach (var alias in aliases.Where(a => a.Key != a.MeetingId))
        {
            await _table.TryAddAsync(new TableEntity(Keys.Encode(alias.Key), "alias") { ["Key"] = alias.Key, ["MeetingId"] = alias.MeetingId }, ct);
            if (alias.Start is { } start)
            {
                // One row per booking and slot: a moved booking keeps its old slot too (nearest in time still finds it).
                var row = UsePrefix + MeetingKeys.Instant(start) + Keys.Separator + Keys.Encode(alias.MeetingId);
                await _table.UpsertEntityAsync(
                    new TableEntity(Keys.Encode(alias.Key), row) { ["MeetingId"] = alias.MeetingId, ["Start"] = start, ["End"] = alias.End },
                    TableUpdateMode.Replace,
                    ct);
            }
        }
    }

    /// <summary>Every booking that used this key (a Zoom meeting id) with its booked slot, oldest slot first.</summary>
    public async Task<List<ZoomUse>> UsesAsync(string key, CancellationToken ct)
    {
        var partition = Keys.Encode(key);
        var rows = await _table.QueryAllAsync(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {UsePrefix} and RowKey lt {UsePrefix[..^1] + (char)(UsePrefix[^1] + 1)}"), ct);
        return [.. rows.Where(r => r.GetDateTimeOffset("Start") is not null)
            .Select(r => new ZoomUse(r.GetString("MeetingId"), r.GetDateTimeOffset("Start")!.Value, r.GetDateTimeOffset("End")))];
    }

    /// <summary>The pair each of these meetings was matched to before, if any.</summary>
    public async Task<Dictionary<string, PairRef>> PairsOfAsync(IEnumerable<string> meetingIds, CancellationToken ct)
    {
        var found = new Dictionary<string, PairRef>(StringComparer.Ordinal);
        foreach (var meetingId in meetingIds.Distinct(StringComparer.Ordinal))
        {
            var row = await _table.GetEntityIfExistsAsync<TableEntity>(Keys.Encode(meetingId), "pair", ["ProgramId", "PairId"], ct);
            if (row.HasValue && row.Value is { } e)
                found[meetingId] = new PairRef(e.GetString("ProgramId"), e.GetString("PairId"));
        }

        return found;
    }

    /// <summary>Records the pair a meeting belongs to (the first match stands).</summary>
    public Task RecordPairAsync(string meetingId, PairRef pair, CancellationToken ct) =>
        _table.TryAddAsync(new TableEntity(Keys.Encode(meetingId), "pair") { ["ProgramId"] = pair.ProgramId, ["PairId"] = pair.PairId }, ct);

    /// <summary>
    /// An admin's explicit link: events of this series (e.g. <c>graph:{seriesMasterId}</c>, <c>google:{recurringEventId}</c>)
    /// or Zoom meeting (<c>zoom:{meetingId}</c>) belong to the pair.
    /// </summary>
    public async Task LinkSeriesAsync(string seriesKey, PairRef pair, CancellationToken ct)
    {
        await _table.UpsertEntityAsync(
            new TableEntity(Keys.Encode(seriesKey), "link") { ["Key"] = seriesKey, ["ProgramId"] = pair.ProgramId, ["PairId"] = pair.PairId },
            TableUpdateMode.Replace,
            ct);
        await directory.ChangedAsync(ct);
    }

    /// <summary>Every admin link, as <c>key → pair</c>.</summary>
    public async Task<List<(string Key, PairRef Pair)>> LinksAsync(CancellationToken ct)
    {
        var rows = await _table.QueryAllAsync(TableClient.CreateQueryFilter($"RowKey eq {"link"}"), ct);
        return [.. rows.Select(e => (e.GetString("Key"), new PairRef(e.GetString("ProgramId"), e.GetString("PairId"))))];
    }

    /// <summary>Adds to the count of observations of a provider that matched no pair.</summary>
    public async Task CountUnmatchedAsync(string provider, int count, DateTimeOffset now, CancellationToken ct)
    {
        for (var attempt = 0; attempt < TableWrites.MaxConcurrencyRetries; attempt++)
        {
            if (await _table.TryAddAsync(new TableEntity("unmatched", provider) { ["Count"] = (long)count, ["LastAt"] = now }, ct))
                return;
            var written = await _table.UpdateAsync("unmatched", provider, e =>
            {
                e["Count"] = (e.GetInt64("Count") ?? 0) + count;
                e["LastAt"] = now;
                return true;
            }, ct);
            if (written is not null)
                return;
        }
    }

    /// <summary>
    /// Keeps an observation that matched no pair of <paramref name="programId"/> until <paramref name="expires"/> (one row
    /// per program and change id).
    /// </summary>
    public Task KeepUnmatchedAsync(string deliveryId, string programId, CalendarObservation observation, DateTimeOffset expires, CancellationToken ct) =>
        _table.UpsertEntityAsync(
            new TableEntity(KeptPartition, Keys.Encode(programId) + Keys.Separator + Keys.Encode(observation.ChangeId))
            {
                ["DeliveryId"] = deliveryId,
                ["ProgramId"] = programId,
                ["Source"] = observation.Source,
                ["Observation"] = JsonSerializer.Serialize(Trimmed(observation), StorageJson.Options),
                ["ExpiresAt"] = expires,
            },
            TableUpdateMode.Replace,
            ct);

    /// <summary>
    /// The observations kept because they matched no pair, with their row keys, program (null: kept before observations
    /// were kept per program; such a row only waits for its expiry) and expiry.
    /// </summary>
    public async Task<List<KeptObservation>> KeptUnmatchedAsync(CancellationToken ct)
    {
        var rows = await _table.QueryAllAsync(TableClient.CreateQueryFilter($"PartitionKey eq {KeptPartition}"), ct);
        var kept = new List<KeptObservation>(rows.Count);
        foreach (var row in rows)
        {
            var observation = JsonSerializer.Deserialize<CalendarObservation>(row.GetString("Observation") ?? "null", StorageJson.Options);
            if (observation is not null)
            {
                kept.Add(new KeptObservation(
                    row.RowKey, row.GetString("DeliveryId") ?? "kept", row.GetString("ProgramId"), observation, row.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue));
            }
        }

        return kept;
    }

    /// <summary>
    /// Drops the kept observations of <paramref name="programId"/> (and those kept without a program) that carry
    /// <paramref name="email"/> among their people or in their subject: erasure leaves none of them waiting.
    /// </summary>
    public async Task<int> DropKeptMentioningAsync(string email, string programId, CancellationToken ct)
    {
        var dropped = 0;
        foreach (var kept in await KeptUnmatchedAsync(ct))
        {
            if ((kept.ProgramId is null || kept.ProgramId == programId) && Mentions(kept.Observation, email))
            {
                await DropUnmatchedAsync(kept.RowKey, ct);
                dropped++;
            }
        }

        return dropped;
    }

    private static bool Mentions(CalendarObservation o, string email) =>
        o.Participants.Any(p => string.Equals(p.Trim(), email, StringComparison.OrdinalIgnoreCase))
        || string.Equals(o.ChangedByEmail?.Trim(), email, StringComparison.OrdinalIgnoreCase)
        || (o.Subject?.Contains(email, StringComparison.OrdinalIgnoreCase) ?? false)
        || (o.Reason?.Contains(email, StringComparison.OrdinalIgnoreCase) ?? false);

    public async Task DropUnmatchedAsync(string rowKey, CancellationToken ct) =>
        await _table.DeleteEntityAsync(KeptPartition, rowKey, Azure.ETag.All, ct);

    /// <summary>A table string holds 32 K characters: a meeting with more people than that is no pair's meeting anyway.</summary>
    private static CalendarObservation Trimmed(CalendarObservation o) =>
        o with { Participants = [.. o.Participants.Take(MaxKeptParticipants)], Subject = o.Subject is { Length: > 1000 } s ? s[..1000] : o.Subject };

    public async Task<long> UnmatchedAsync(string provider, CancellationToken ct)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>("unmatched", provider, ["Count"], ct);
        return row.HasValue ? row.Value?.GetInt64("Count") ?? 0 : 0;
    }
}
