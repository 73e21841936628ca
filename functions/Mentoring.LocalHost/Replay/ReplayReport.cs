using Mentoring.Engine.Health;
using Mentoring.Engine.Ledger;
using Mentoring.Engine.Meetings;
using Mentoring.Engine.Messages;
using Mentoring.Engine.Replay;
using Mentoring.Engine.Signals;

namespace Mentoring.LocalHost.Replay;

/// <summary>
/// The one JSON document <c>replay</c> prints: what the engine would have seen and done, and (<c>outside</c>) what the
/// reader left outside the window it read, one sentence per series.
/// </summary>
internal sealed record ReplayReport(
    string History,
    DateTimeOffset AsOf,
    int CadenceDays,
    ReplaySummary Summary,
    IReadOnlyList<ReplayMeeting> Meetings,
    IReadOnlyList<LedgerChange> Changes,
    IReadOnlyList<ReplaySignal> Signals,
    ReplayRisk Risk,
    IReadOnlyList<ReplayMessage> Messages,
    IReadOnlyList<ReplayMessage> Pending,
    int Evaluations,
    IReadOnlyList<string>? Outside)
{
    public static ReplayReport From(ReplayResult result, string history, int cadenceDays, IReadOnlyList<string> outside) => new(
        history,
        result.AsOf,
        cadenceDays,
        ReplaySummary.Of(result.Meetings),
        [.. result.Meetings.Select(ReplayMeeting.Of)],
        result.Changes,
        [.. result.Signals.Select(ReplaySignal.Of)],
        ReplayRisk.Of(result.Risk),
        [.. result.Messages.Select(ReplayMessage.Of)],
        [.. result.Pending.Select(ReplayMessage.Of)],
        result.Evaluations,
        outside.Count == 0 ? null : outside);
}

/// <summary>Totals over the meetings, as they stand at the as-of instant.</summary>
internal sealed record ReplaySummary(int Meetings, int Held, int Scheduled, int Cancelled, int NoShows, int Moves, int Postponements)
{
    public static ReplaySummary Of(IReadOnlyList<Meeting> meetings) => new(
        meetings.Count,
        meetings.Count(m => m.Status == MeetingStatus.Held),
        meetings.Count(m => m.Status == MeetingStatus.Scheduled),
        meetings.Count(m => m.Status == MeetingStatus.Cancelled),
        meetings.Count(m => m.Status == MeetingStatus.NoShow),
        meetings.Sum(m => m.TimesMoved),
        meetings.Sum(m => m.Postponements));
}

internal sealed record ReplayMeeting(
    string Id,
    DateTimeOffset OriginalStart,
    DateTimeOffset FinalStart,
    DateTimeOffset End,
    MeetingStatus Status,
    bool HeldConfirmed,
    int TimesMoved,
    int Postponements,
    DateTimeOffset? CancelledAt,
    Party? CancelledBy,
    string? CancellationReason)
{
    public static ReplayMeeting Of(Meeting m) => new(
        m.Id, m.OriginalStart, m.Start, m.End, m.Status, m.HeldConfirmed, m.TimesMoved, m.Postponements, m.CancelledAt, m.CancelledBy, m.CancellationReason);
}

internal sealed record ReplaySignal(SignalKind Kind, DateTimeOffset Since, int Count, Party? Party, string Description)
{
    public static ReplaySignal Of(Signal s) => new(s.Kind, s.Since, s.Count, s.Party, s.Describe());
}

internal sealed record ReplayRisk(RiskLevel Level, int Score, IReadOnlyList<string> Reasons)
{
    public static ReplayRisk Of(PairHealth health) => new(health.Level, health.Score, [.. health.Reasons]);
}

internal sealed record ReplayMessage(
    string TemplateId,
    string Recipient,
    RecipientKind RecipientKind,
    DateTimeOffset DueAt,
    DateTimeOffset NotBefore,
    int? Step,
    string Reason,
    string? EpisodeKey,
    string? MeetingId,
    string IdempotencyKey,
    IReadOnlyDictionary<string, string> Facts)
{
    public static ReplayMessage Of(MessageDecision d) => new(
        d.TemplateId, d.Recipient.Key, d.Recipient.Kind, d.DueAt, d.NotBefore, d.Step, d.Reason, d.EpisodeKey, d.MeetingId, d.IdempotencyKey, d.Facts);
}
