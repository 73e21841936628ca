using System.Text.Json;
using Azure.Data.Tables;
using Mentoring.Application.Storage;

namespace Mentoring.Application.Admin.Programs;

/// <summary>What the admin API adds to a program: the raw material of the value messaging, its admins, recurrence.</summary>
internal sealed record ProgramProfile(
    string BusinessGoal,
    string? SponsorName,
    string? SponsorRole,
    string? SponsorWords,
    IReadOnlyList<string> Admins,
    bool Recurring,
    string? PolicyOverrides);

/// <summary>
/// The <c>programs</c> table beyond <see cref="ProgramStore"/>: a "profile" row beside the "program" row (same
/// partition), listing programs, and listing cycles.
/// </summary>
internal sealed class ProgramProfileStore(TableServiceClient tables)
{
    private const string ProfileRow = "profile";
    private readonly TableClient _table = tables.GetTableClient(TableNames.Programs);

    public async Task SaveAsync(string programId, ProgramProfile profile, CancellationToken ct) =>
        await _table.UpsertEntityAsync(
            new TableEntity(Keys.Encode(programId), ProfileRow)
            {
                ["BusinessGoal"] = profile.BusinessGoal,
                ["SponsorName"] = profile.SponsorName,
                ["SponsorRole"] = profile.SponsorRole,
                ["SponsorWords"] = profile.SponsorWords,
                ["Admins"] = JsonSerializer.Serialize(profile.Admins, StorageJson.Options),
                ["Recurring"] = profile.Recurring,
                ["PolicyOverrides"] = profile.PolicyOverrides,
            },
            TableUpdateMode.Replace,
            ct);

    public async Task<ProgramProfile> GetAsync(string programId, CancellationToken ct)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Keys.Encode(programId), ProfileRow, cancellationToken: ct);
        if (!row.HasValue || row.Value is not { } e)
            return new ProgramProfile("", null, null, null, [], false, null);
        return new ProgramProfile(
            e.GetString("BusinessGoal") ?? "",
            e.GetString("SponsorName"),
            e.GetString("SponsorRole"),
            e.GetString("SponsorWords"),
            JsonSerializer.Deserialize<List<string>>(e.GetString("Admins") ?? "[]", StorageJson.Options) ?? [],
            e.GetBoolean("Recurring") ?? false,
            e.GetString("PolicyOverrides"));
    }

    /// <summary>The ids of every program (one row per program: RowKey "program").</summary>
    public async Task<List<string>> ListIdsAsync(CancellationToken ct)
    {
        var ids = new List<string>();
        await foreach (var e in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {"program"}"), select: ["ProgramId"], cancellationToken: ct))
            ids.Add(e.GetString("ProgramId"));
        return ids;
    }

    public async Task<List<CycleRecord>> ListCyclesAsync(string programId, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Keys.Encode(programId)} and RowKey ge {"cycle~"} and RowKey lt {"cycle\u007f"}");
        var rows = await _table.QueryAllAsync(filter, ct);
        return [.. rows.Select(e => new CycleRecord(programId, e.GetString("CycleId"), e.GetDateTimeOffset("Start")!.Value, e.GetDateTimeOffset("End")!.Value))
            .OrderBy(c => c.Start)];
    }
}
