using Mentoring.Application.Roster;
using Mentoring.Engine.Health;
using Mentoring.Engine.Pairs;

namespace Mentoring.Application.Admin.Pairs;

internal sealed record PairBody(string Id, string MentorId, string MenteeId, string? CycleId = null, DateTimeOffset? StartedAt = null);

internal sealed record PauseBody(string Reason, DateOnly? ResumeOn = null);

internal sealed record EndBody(string? Reason = null);

internal enum LoggedOutcome
{
    Held,
    NoShow,
    Cancelled,
}

/// <summary>A meeting an admin logs by hand: a confirmed change in the pair's ledger (source "admin").</summary>
internal sealed record MeetingBody(DateTimeOffset Start, LoggedOutcome Outcome = LoggedOutcome.Held, DateTimeOffset? End = null, string? MeetingId = null, string? Reason = null);

internal sealed record PairView(
    string Id,
    string MentorId,
    string MenteeId,
    string? CycleId,
    DateTimeOffset StartedAt,
    PairStatus Status,
    DateTimeOffset? StatusChangedAt,
    string? PauseReason,
    DateOnly? ResumeOn,
    RiskLevel? RiskLevel,
    int? Score,
    DateTimeOffset? EvaluatedAt,
    int MeetingsHeld);

internal static class PairMapping
{
    public static PairView ToView(this PairRecord pair, PairSummary summary) => new(
        pair.PairId, pair.MentorId, pair.MenteeId, pair.CycleId, pair.StartedAt, pair.Status, pair.StatusChangedAt, pair.PauseReason, pair.ResumeOn,
        summary.RiskLevel, summary.Score, summary.EvaluatedAt, summary.MeetingsHeld);
}
