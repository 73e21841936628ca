using System.Globalization;
using Azure.Data.Tables;
using Mentoring.Application.Storage;
using Mentoring.Engine.Health;
using Mentoring.Engine.Pairs;

namespace Mentoring.Application.Roster;

/// <summary>
/// The one mapping of a <c>pairs</c> row to <see cref="PairRecord"/> and <see cref="PairSummary"/> and back: the store,
/// the admin API and the pair directory read the same row the same way (a missing status is active, a missing start the
/// earliest instant).
/// </summary>
internal static class PairRows
{
    public static TableEntity ToEntity(PairRecord pair)
    {
        var e = new TableEntity(Keys.Encode(pair.ProgramId), Keys.Encode(pair.PairId))
        {
            ["ProgramId"] = pair.ProgramId,
            ["PairId"] = pair.PairId,
            ["MentorId"] = pair.MentorId,
            ["MenteeId"] = pair.MenteeId,
            ["StartedAt"] = pair.StartedAt,
            ["CycleId"] = pair.CycleId,
            ["Status"] = pair.Status.ToString(),
            ["StatusChangedAt"] = pair.StatusChangedAt,
        };
        if (pair.PauseReason is not null)
            e["PauseReason"] = pair.PauseReason;
        if (pair.ResumeOn is { } resumeOn)
            e["ResumeOn"] = resumeOn.ToString("O", CultureInfo.InvariantCulture);
        return e;
    }

    public static PairRecord ToPair(TableEntity e) => new(
        e.GetString("ProgramId"),
        e.GetString("PairId"),
        e.GetString("MentorId"),
        e.GetString("MenteeId"),
        e.GetDateTimeOffset("StartedAt") ?? DateTimeOffset.MinValue,
        e.GetString("CycleId"),
        Enum.TryParse<PairStatus>(e.GetString("Status"), out var status) ? status : PairStatus.Active,
        e.GetDateTimeOffset("StatusChangedAt"),
        e.GetString("PauseReason"),
        e.GetString("ResumeOn") is { } on ? DateOnly.ParseExact(on, "O", CultureInfo.InvariantCulture) : null);

    public static PairSummary ToSummary(TableEntity e) => new(
        e.GetDateTimeOffset("EvaluatedAt"),
        Enum.TryParse<RiskLevel>(e.GetString("RiskLevel"), out var level) ? level : null,
        e.GetInt32("Score"),
        e.GetDateTimeOffset("LastSetbackAt"),
        e.GetDateTimeOffset("NextEvaluationAt"),
        e.GetString("DueKey"),
        e.GetInt32("MeetingsHeld") ?? 0,
        e.GetDateTimeOffset("LastMeetingAt"));

    public static void Write(TableEntity e, PairSummary summary)
    {
        e["EvaluatedAt"] = summary.EvaluatedAt;
        e["RiskLevel"] = summary.RiskLevel?.ToString();
        e["Score"] = summary.Score;
        e["LastSetbackAt"] = summary.LastSetbackAt;
        e["NextEvaluationAt"] = summary.NextEvaluationAt;
        e["DueKey"] = summary.DueKey;
        e["MeetingsHeld"] = summary.MeetingsHeld;
        e["LastMeetingAt"] = summary.LastMeetingAt;
    }
}
