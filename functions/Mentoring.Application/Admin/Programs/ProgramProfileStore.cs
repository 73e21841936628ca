using System.Text.Json;
using Azure.Data.Tables;
using Mentoring.Application.Roster;
using Mentoring.Application.Storage;

namespace Mentoring.Application.Admin.Programs;

/// <summary>
/// What the admin API adds to a program: its admins, recurrence and policy overrides as given. The business goal and the
/// sponsor's words are not here: they live on the program row (<see cref="ProgramVoice"/>), the one place emails read.
/// </summary>
internal sealed record ProgramProfile(
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
            return new ProgramProfile([], false, null);
        return new ProgramProfile(
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
