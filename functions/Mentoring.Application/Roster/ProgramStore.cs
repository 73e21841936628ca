using System.Text.Json;
using Azure.Data.Tables;
using Mentoring.Application.Storage;
using Mentoring.Engine.Pairs;
using Mentoring.Engine.Policy;

namespace Mentoring.Application.Roster;

/// <summary>
/// A program: its zone, policy, the addresses of its sponsor and admins, its voice in emails, the name of the admin
/// its admin emails greet, and the culture its emails use for people whose record names none (en-GB when unset).
/// </summary>
internal sealed record ProgramRecord(
    string ProgramId,
    string Name,
    string TimeZoneId,
    EngagementPolicy Policy,
    string AdminEmail,
    string? SponsorEmail = null,
    string? CurrentCycleId = null,
    ProgramVoice? Voice = null,
    string? AdminName = null,
    string? Culture = null)
{
    public bool HasSponsor => !string.IsNullOrEmpty(SponsorEmail);
}

/// <summary>What the emails say about the program: its business goal and its sponsor's own words.</summary>
internal sealed record ProgramVoice(string BusinessGoal, string SponsorName, string SponsorRole, string SponsorWords);

/// <summary>One cycle of a program.</summary>
internal sealed record CycleRecord(string ProgramId, string CycleId, DateTimeOffset Start, DateTimeOffset End)
{
    public CycleWindow ToWindow() => new(CycleId, Start, End);
}

/// <summary>Programs and their cycles: table <c>programs</c>, PK = program.</summary>
internal sealed class ProgramStore(TableServiceClient tables, ProgramChanges changes)
{
    private const string ProgramRow = "program";
    private readonly TableClient _table = tables.GetTableClient(TableNames.Programs);

    public async Task SaveAsync(ProgramRecord program, CancellationToken ct)
    {
        var entity = new TableEntity(Keys.Encode(program.ProgramId), ProgramRow)
        {
            ["ProgramId"] = program.ProgramId,
            ["Name"] = program.Name,
            ["TimeZoneId"] = program.TimeZoneId,
            ["Policy"] = JsonSerializer.Serialize(program.Policy, StorageJson.Options),
            ["AdminEmail"] = program.AdminEmail,
            ["SponsorEmail"] = program.SponsorEmail,
            ["CurrentCycleId"] = program.CurrentCycleId,
            ["BusinessGoal"] = program.Voice?.BusinessGoal,
            ["SponsorName"] = program.Voice?.SponsorName,
            ["SponsorRole"] = program.Voice?.SponsorRole,
            ["SponsorWords"] = program.Voice?.SponsorWords,
            ["AdminName"] = program.AdminName,
            ["Culture"] = program.Culture,
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, ct);
        changes.Touch(program.ProgramId);
    }

    public async Task SaveCycleAsync(CycleRecord cycle, CancellationToken ct)
    {
        var entity = new TableEntity(Keys.Encode(cycle.ProgramId), "cycle" + Keys.Separator + Keys.Encode(cycle.CycleId))
        {
            ["CycleId"] = cycle.CycleId,
            ["Start"] = cycle.Start,
            ["End"] = cycle.End,
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, ct);
        changes.Touch(cycle.ProgramId);
    }

    public async Task<ProgramRecord?> GetAsync(string programId, CancellationToken ct)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Keys.Encode(programId), ProgramRow, cancellationToken: ct);
        return row.HasValue && row.Value is { } e ? ToProgram(e) : null;
    }

    /// <summary>The ids of every program (one row per program: RowKey "program").</summary>
    public async Task<List<string>> ListIdsAsync(CancellationToken ct)
    {
        var ids = new List<string>();
        await foreach (var e in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {ProgramRow}"), select: ["ProgramId"], cancellationToken: ct))
            ids.Add(e.GetString("ProgramId"));
        return ids;
    }

    /// <summary>The program and all its cycles: one partition query.</summary>
    public async Task<(ProgramRecord? Program, List<CycleRecord> Cycles)> GetWithCyclesAsync(string programId, CancellationToken ct)
    {
        ProgramRecord? program = null;
        var cycles = new List<CycleRecord>();
        foreach (var e in await _table.QueryAllAsync(TableClient.CreateQueryFilter($"PartitionKey eq {Keys.Encode(programId)}"), ct))
        {
            if (e.RowKey == ProgramRow)
                program = ToProgram(e);
            else if (e.RowKey.StartsWith("cycle" + Keys.Separator, StringComparison.Ordinal))
                cycles.Add(ToCycle(programId, e));
        }

        return (program, cycles);
    }

    private static ProgramRecord ToProgram(TableEntity e)
    {
        var policy = JsonSerializer.Deserialize<EngagementPolicy>(e.GetString("Policy"), StorageJson.Options)
            ?? EngagementPolicy.Default;
        return new ProgramRecord(
            e.GetString("ProgramId"),
            e.GetString("Name"),
            e.GetString("TimeZoneId"),
            policy,
            e.GetString("AdminEmail"),
            e.GetString("SponsorEmail"),
            e.GetString("CurrentCycleId"),
            e.GetString("BusinessGoal") is { } goal
                ? new ProgramVoice(goal, e.GetString("SponsorName") ?? "", e.GetString("SponsorRole") ?? "", e.GetString("SponsorWords") ?? "")
                : null,
            e.GetString("AdminName"),
            e.GetString("Culture"));
    }

    public async Task<CycleRecord?> GetCycleAsync(string programId, string cycleId, CancellationToken ct)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(
            Keys.Encode(programId), "cycle" + Keys.Separator + Keys.Encode(cycleId), cancellationToken: ct);
        return row.HasValue && row.Value is { } e ? ToCycle(programId, e) : null;
    }

    private static CycleRecord ToCycle(string programId, TableEntity e) =>
        new(programId, e.GetString("CycleId"), e.GetDateTimeOffset("Start")!.Value, e.GetDateTimeOffset("End")!.Value);
}
