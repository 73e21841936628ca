using System.Globalization;
using Azure.Data.Tables;
using Mentoring.Application.Storage;
using Mentoring.Engine.Programs;

namespace Mentoring.Application.Evaluation;

/// <summary>
/// The daily snapshots of each program's summary: table <c>programdays</c>, PK = program, RK = the program's local day
/// (<c>yyyy-MM-dd</c>, so the lexical order is the order of days). One row per program per day, replaced by each sweep.
/// </summary>
internal sealed class ProgramDayStore(TableServiceClient tables)
{
    private const string DayFormat = "yyyy-MM-dd";
    private readonly TableClient _table = tables.GetTableClient(TableNames.ProgramDays);

    public async Task SaveAsync(string programId, RiskDay day, DateTimeOffset takenAt, CancellationToken ct)
    {
        var s = day.Summary;
        var entity = new TableEntity(Keys.Encode(programId), RowKey(day.Date))
        {
            ["TakenAt"] = takenAt,
            ["ActivePairs"] = s.ActivePairs,
            ["Healthy"] = s.Healthy,
            ["Watch"] = s.Watch,
            ["AtRisk"] = s.AtRisk,
            ["Dormant"] = s.Dormant,
            ["MeetingsHeld"] = s.MeetingsHeld,
            ["MetInLast30Days"] = s.MetInLast30Days,
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, ct);
    }

    /// <summary>The days from <paramref name="from"/> to <paramref name="to"/> that have a row, in order (one range query).</summary>
    public async Task<List<RiskDay>> ListAsync(string programId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Keys.Encode(programId)} and RowKey ge {RowKey(from)} and RowKey le {RowKey(to)}");
        var days = new List<RiskDay>();
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            if (!DateOnly.TryParseExact(e.RowKey, DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                continue;
            days.Add(new RiskDay(date, new ProgramSummary(
                Int(e, "ActivePairs"), Int(e, "Healthy"), Int(e, "Watch"), Int(e, "AtRisk"), Int(e, "Dormant"), Int(e, "MeetingsHeld"), Int(e, "MetInLast30Days"))));
        }

        return days;
    }

    private static string RowKey(DateOnly date) => date.ToString(DayFormat, CultureInfo.InvariantCulture);

    private static int Int(TableEntity e, string name) => e.GetInt32(name) ?? 0;
}
