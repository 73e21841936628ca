using System.Globalization;
using Mentoring.Application.Evaluation;
using Mentoring.Application.Roster;
using Mentoring.Application.Storage;
using Mentoring.Engine.Programs;
using Microsoft.AspNetCore.Http;

namespace Mentoring.Application.Admin.Reading;

/// <summary>One day of the program's risk levels (its active pairs), as that day's last sweep saw them.</summary>
internal sealed record HistoryDay(string Date, int ActivePairs, int Healthy, int Watch, int AtRisk, int Dormant, int Unevaluated, int MeetingsHeld, int MetInLast30Days);

internal sealed record HistoryView(string ProgramId, string TimeZone, string From, string To, IReadOnlyList<HistoryDay> Days);

/// <summary><c>GET programs/{id}/health/history?days=84</c>: the daily snapshots of the last <c>days</c> days of the program's zone.</summary>
internal sealed class HistoryHandler(ProgramStore programs, ProgramDayStore dayStore)
{
    public async Task<IResult> HistoryAsync(AdminRequest request)
    {
        var days = RiskHistory.DefaultDays;
        if (request.Query("days") is { } asked
            && (!int.TryParse(asked, NumberStyles.None, CultureInfo.InvariantCulture, out days) || days < 1 || days > RiskHistory.MaxDays))
            throw ApiProblem.Invalid($"days must be a whole number from 1 to {RiskHistory.MaxDays}.");

        var program = await programs.ProgramOfAsync(request);
        var today = RiskHistory.DayOf(request.Now, Zones.Resolve(program.TimeZoneId));
        var from = RiskHistory.FirstDay(today, days);
        var rows = await dayStore.ListAsync(program.ProgramId, from, today, request.Aborted);
        var view = new HistoryView(
            program.ProgramId,
            program.TimeZoneId,
            Day(from),
            Day(today),
            [.. rows.Select(r => new HistoryDay(
                Day(r.Date), r.Summary.ActivePairs, r.Summary.Healthy, r.Summary.Watch, r.Summary.AtRisk, r.Summary.Dormant, r.Summary.Unevaluated,
                r.Summary.MeetingsHeld, r.Summary.MetInLast30Days))]);
        return Results.Json(view, AdminJson.Options);
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
