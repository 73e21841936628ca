using System.Globalization;
using System.Net;
using Azure;
using Azure.Data.Tables;
using Mentoring.Application.Storage;
using Mentoring.Engine.Health;
using Mentoring.Engine.Pairs;

namespace Mentoring.Application.Roster;

/// <summary>Who a pair is (ids only: addresses live with the participants), and whether it is paused, why and until when.</summary>
internal sealed record PairRecord(
    string ProgramId,
    string PairId,
    string MentorId,
    string MenteeId,
    DateTimeOffset StartedAt,
    string? CycleId = null,
    PairStatus Status = PairStatus.Active,
    DateTimeOffset? StatusChangedAt = null,
    string? PauseReason = null,
    DateOnly? ResumeOn = null);

/// <summary>The last evaluation of a pair, as the program crunch and the admin lists read it.</summary>
internal sealed record PairSummary(
    DateTimeOffset? EvaluatedAt,
    RiskLevel? RiskLevel,
    int? Score,
    DateTimeOffset? LastSetbackAt,
    DateTimeOffset? NextEvaluationAt,
    string? DueKey,
    int MeetingsHeld = 0,
    DateTimeOffset? LastMeetingAt = null)
{
    public static PairSummary None { get; } = new(null, null, null, null, null, null);
}

/// <summary>Pairs by program: table <c>pairs</c>, PK = program, RK = pair. Each pair is also indexed under its people.</summary>
internal sealed class PairStore(TableServiceClient tables, PairDirectoryChanges directory)
{
    private readonly TableClient _table = tables.GetTableClient(TableNames.Pairs);
    private readonly TableClient _people = tables.GetTableClient(TableNames.People);

    public async Task SaveAsync(PairRecord pair, CancellationToken ct)
    {
        foreach (var personId in new[] { pair.MentorId, pair.MenteeId })
        {
            var index = new TableEntity(Keys.Encode(personId), "pair" + Keys.Separator + Keys.PairLog(pair.ProgramId, pair.PairId))
            {
                ["ProgramId"] = pair.ProgramId,
                ["PairId"] = pair.PairId,
            };
            await _people.UpsertEntityAsync(index, TableUpdateMode.Replace, ct);
        }

        await _table.UpsertEntityAsync(PairRows.ToEntity(pair), TableUpdateMode.Merge, ct);
        await directory.ChangedAsync(ct);
    }

    public async Task<(PairRecord Pair, PairSummary Summary)?> GetAsync(string programId, string pairId, CancellationToken ct)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Keys.Encode(programId), Keys.Encode(pairId), cancellationToken: ct);
        return row.HasValue && row.Value is { } e ? (PairRows.ToPair(e), PairRows.ToSummary(e)) : null;
    }

    /// <summary>The pair with the ETag of its row, for a write of its summary under If-Match without reading it again.</summary>
    public async Task<(PairRecord Pair, PairSummary Summary, ETag ETag)?> GetWithETagAsync(string programId, string pairId, CancellationToken ct)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Keys.Encode(programId), Keys.Encode(pairId), cancellationToken: ct);
        return row.HasValue && row.Value is { } e ? (PairRows.ToPair(e), PairRows.ToSummary(e), e.ETag) : null;
    }

    /// <summary>The pairs a person is in (the people index), as (program, pair).</summary>
    public async Task<List<(string ProgramId, string PairId)>> PairsOfAsync(string personId, CancellationToken ct)
    {
        var rows = await _people.QueryAllAsync(TableClient.CreateQueryFilter($"PartitionKey eq {Keys.Encode(personId)}"), ct);
        return [.. rows.Where(r => r.RowKey.StartsWith("pair" + Keys.Separator, StringComparison.Ordinal))
            .Select(r => (r.GetString("ProgramId"), r.GetString("PairId")))];
    }

    /// <summary>Every pair of a program with its last evaluation: one partition, read in pages of 1,000.</summary>
    public async Task<List<(PairRecord Pair, PairSummary Summary)>> ListAsync(string programId, CancellationToken ct)
    {
        var rows = await _table.QueryAllAsync(TableClient.CreateQueryFilter($"PartitionKey eq {Keys.Encode(programId)}"), ct);
        return [.. rows.Select(e => (PairRows.ToPair(e), PairRows.ToSummary(e)))];
    }

    /// <summary>Every pair of every program, without the evaluations (the pair directory's read).</summary>
    public async Task<List<PairRecord>> ListAllAsync(CancellationToken ct)
    {
        var rows = await _table.QueryAllAsync("", ct);
        return [.. rows.Select(PairRows.ToPair)];
    }

    /// <summary>
    /// Up to <paramref name="size"/> pairs of a program in key order, after the row key <paramref name="afterKey"/> (null:
    /// from the first), and the row key to resume after when more remain (null on the last page).
    /// </summary>
    public async Task<(List<(PairRecord Pair, PairSummary Summary)> Pairs, string? Next)> PageAsync(string programId, string? afterKey, int size, CancellationToken ct)
    {
        var partition = Keys.Encode(programId);
        var filter = afterKey is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partition}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {afterKey}");
        var (rows, more) = await _table.QueryPageAsync(filter, size, select: null, ct);
        return ([.. rows.Select(e => (PairRows.ToPair(e), PairRows.ToSummary(e)))], more ? rows[^1].RowKey : null);
    }

    /// <summary>A page of a program's pairs by the table's own continuation token (the admin API's pair list).</summary>
    public async Task<(List<(PairRecord Pair, PairSummary Summary)> Pairs, string? ContinuationToken)> PageByTokenAsync(
        string programId, int size, string? token, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Keys.Encode(programId)}");
        await foreach (var page in _table.QueryAsync<TableEntity>(filter, maxPerPage: size, cancellationToken: ct).AsPages(token, size))
            return ([.. page.Values.Select(e => (PairRows.ToPair(e), PairRows.ToSummary(e)))], page.ContinuationToken);
        return ([], null);
    }

    /// <summary>Records an evaluation's summary under If-Match; returns the due-index key it replaced, if any.</summary>
    public async Task<string?> RecordSummaryAsync(string programId, string pairId, PairSummary summary, CancellationToken ct)
    {
        string? previousDueKey = null;
        await _table.UpdateAsync(Keys.Encode(programId), Keys.Encode(pairId), e =>
        {
            previousDueKey = e.GetString("DueKey");
            PairRows.Write(e, summary);
            return true;
        }, ct);
        return previousDueKey;
    }

    /// <summary>
    /// Records an evaluation's summary with If-Match on <paramref name="read"/>, the ETag the evaluation read the row with:
    /// one request. False when the row changed (or went) since: then <see cref="RecordSummaryAsync"/> reads it again.
    /// </summary>
    public async Task<bool> TryRecordSummaryAsync(string programId, string pairId, PairSummary summary, ETag read, CancellationToken ct)
    {
        var entity = new TableEntity(Keys.Encode(programId), Keys.Encode(pairId));
        PairRows.Write(entity, summary);
        try
        {
            await _table.UpdateEntityAsync(entity, read, TableUpdateMode.Merge, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>Pauses a pair, with the reason and the date it is to resume, if any.</summary>
    public Task PauseAsync(string programId, string pairId, DateTimeOffset at, string reason, DateOnly? resumeOn, CancellationToken ct) =>
        ChangeAsync(programId, pairId, e =>
        {
            SetStatus(e, PairStatus.Paused, at);
            e["PauseReason"] = reason;
            e["ResumeOn"] = resumeOn?.ToString("O", CultureInfo.InvariantCulture);
        }, ct);

    public Task ResumeAsync(string programId, string pairId, DateTimeOffset at, CancellationToken ct) =>
        ChangeAsync(programId, pairId, e =>
        {
            SetStatus(e, PairStatus.Active, at);
            e["PauseReason"] = null;
            e["ResumeOn"] = null;
        }, ct);

    public Task EndAsync(string programId, string pairId, DateTimeOffset at, string? reason, CancellationToken ct) =>
        ChangeAsync(programId, pairId, e =>
        {
            SetStatus(e, PairStatus.Ended, at);
            e["EndReason"] = reason;
        }, ct);

    /// <summary>Ends a pair at a cycle's roll, keeping whatever reason it had.</summary>
    public Task EndAtRollAsync(string programId, string pairId, DateTimeOffset at, CancellationToken ct) =>
        ChangeAsync(programId, pairId, e => SetStatus(e, PairStatus.Ended, at), ct);

    /// <summary>Moves a pair into the next cycle, active from its start.</summary>
    public Task ReEnrolAsync(string programId, string pairId, string cycleId, DateTimeOffset startedAt, DateTimeOffset at, CancellationToken ct) =>
        ChangeAsync(programId, pairId, e =>
        {
            e["CycleId"] = cycleId;
            e["StartedAt"] = startedAt;
            SetStatus(e, PairStatus.Active, at);
        }, ct);

    /// <summary>An erasure: the person's id becomes <paramref name="erasedId"/>, the pair ends, and its free text goes.</summary>
    public Task EraseMemberAsync(string programId, string pairId, string personId, string erasedId, DateTimeOffset at, CancellationToken ct) =>
        ChangeAsync(programId, pairId, e =>
        {
            if (e.GetString("MentorId") == personId)
                e["MentorId"] = erasedId;
            if (e.GetString("MenteeId") == personId)
                e["MenteeId"] = erasedId;
            SetStatus(e, PairStatus.Ended, at);
            e.Remove("PauseReason");
            e.Remove("EndReason");
        }, ct);

    /// <summary>Removes the people-index row that lists the pair under the person.</summary>
    public Task RemoveFromIndexAsync(string personId, string programId, string pairId, CancellationToken ct) =>
        _people.DeleteEntityAsync(Keys.Encode(personId), "pair" + Keys.Separator + Keys.PairLog(programId, pairId), ETag.All, ct);

    private static void SetStatus(TableEntity e, PairStatus status, DateTimeOffset at)
    {
        e["Status"] = status.ToString();
        e["StatusChangedAt"] = at;
    }

    /// <summary>Applies a change to a pair's row under If-Match (retried on 412).</summary>
    private async Task ChangeAsync(string programId, string pairId, Action<TableEntity> change, CancellationToken ct)
    {
        await _table.UpdateAsync(Keys.Encode(programId), Keys.Encode(pairId), e =>
        {
            change(e);
            return true;
        }, ct);
        await directory.ChangedAsync(ct);
    }

    public async Task DeleteAsync(string programId, string pairId, CancellationToken ct)
    {
        await _table.DeleteEntityAsync(Keys.Encode(programId), Keys.Encode(pairId), ETag.All, ct);
        await directory.ChangedAsync(ct);
    }

    /// <summary>What the program-level rules read of a pair.</summary>
    public static Engine.Programs.PairActivity ActivityOf(PairRecord pair, PairSummary summary) =>
        new(pair.PairId, pair.Status == PairStatus.Active, summary.LastSetbackAt, summary.RiskLevel, summary.MeetingsHeld, summary.LastMeetingAt);
}
