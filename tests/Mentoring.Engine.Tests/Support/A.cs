using Mentoring.Engine.Messages;
using Mentoring.Engine.Pairs;
using Mentoring.Engine.Policy;

namespace Mentoring.Engine.Tests.Support;

/// <summary>Test data in the engine's vocabulary. T0 is a Monday, 10:00 UTC.</summary>
internal static class A
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);

    public static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    public static TimeSpan Days(double days) => TimeSpan.FromDays(days);

    public static TimeSpan Hours(double hours) => TimeSpan.FromHours(hours);

    /// <summary>A policy where quiet hours never defer, so tests about rules read without time-zone arithmetic.</summary>
    public static EngagementPolicy AnyHourPolicy { get; } = new() { Sending = new SendingPolicy { IgnoreQuietHours = true } };

    public static PairContext Pair(
        DateTimeOffset? startedAt = null,
        TimeZoneInfo? mentorZone = null,
        TimeZoneInfo? menteeZone = null,
        bool hasSponsor = true,
        bool mentorSuppressed = false,
        bool menteeSuppressed = false,
        EmailKinds mentorStopped = EmailKinds.None,
        EmailKinds menteeStopped = EmailKinds.None,
        bool mentorAllowsManager = false,
        bool menteeAllowsManager = false,
        CycleWindow? cycle = null,
        PairStatus status = PairStatus.Active,
        DateTimeOffset? statusChangedAt = null) =>
        new(
            "pair-1",
            "program-1",
            new Participant("mentor-1", Party.Mentor, mentorZone ?? TimeZoneInfo.Utc, mentorAllowsManager, mentorSuppressed ? EmailKinds.All : mentorStopped),
            new Participant("mentee-1", Party.Mentee, menteeZone ?? TimeZoneInfo.Utc, menteeAllowsManager, menteeSuppressed ? EmailKinds.All : menteeStopped),
            startedAt ?? T0,
            cycle,
            TimeZoneInfo.Utc,
            status,
            statusChangedAt,
            hasSponsor);

    public static LedgerChange Scheduled(string meeting, DateTimeOffset at, DateTimeOffset start, Party? by = null) =>
        new($"{meeting}:scheduled:{at.UtcTicks}", meeting, ChangeKind.Scheduled, at, start, start + Hours(1), ChangedBy: by);

    public static LedgerChange Moved(string meeting, DateTimeOffset at, DateTimeOffset from, DateTimeOffset to, Party? by = null) =>
        new($"{meeting}:moved:{at.UtcTicks}", meeting, ChangeKind.Rescheduled, at, to, to + Hours(1), from, by);

    public static LedgerChange Cancelled(string meeting, DateTimeOffset at, Party? by = null, string? reason = null) =>
        new($"{meeting}:cancelled:{at.UtcTicks}", meeting, ChangeKind.Cancelled, at, ChangedBy: by, Reason: reason);

    /// <summary>The event deleted from a live calendar (a Graph or Google deletion): an ambiguous removal.</summary>
    public static LedgerChange Removed(string meeting, DateTimeOffset at) =>
        new($"{meeting}:removed:{at.UtcTicks}", meeting, ChangeKind.Cancelled, at, Removal: true);

    /// <summary>A change whose time the source does not know (a snapshot): its time is only an upper bound.</summary>
    public static LedgerChange TimeUnknown(this LedgerChange change) => change with { ChangedAtUnknown = true };

    /// <summary>The same change as an admin's log of it.</summary>
    public static LedgerChange ByAdmin(this LedgerChange change) => change with { ChangeId = "admin/" + change.ChangeId, Source = ChangeSources.Admin };

    public static LedgerChange Held(string meeting, DateTimeOffset at, DateTimeOffset start) =>
        new($"{meeting}:held:{at.UtcTicks}", meeting, ChangeKind.Held, at, start, start + Hours(1));

    public static LedgerChange NoShow(string meeting, DateTimeOffset at, string source = "unknown") =>
        new($"{meeting}:noshow:{at.UtcTicks}", meeting, ChangeKind.NoShow, at, Source: source);

    public static LedgerChange NoShowRetracted(string meeting, DateTimeOffset at, string source = "unknown") =>
        new($"{meeting}:noshow-retracted:{at.UtcTicks}", meeting, ChangeKind.NoShowRetracted, at, Source: source);

    /// <summary>A meeting booked at T0 for <paramref name="start"/> that took place (presumed: its end passed).</summary>
    public static LedgerChange[] MeetingHeldAt(string meeting, DateTimeOffset start) =>
        [Scheduled(meeting, start - Days(7), start)];

    public static PairEvaluation Evaluate(
        IReadOnlyList<LedgerChange> ledger,
        DateTimeOffset now,
        PairContext? pair = null,
        EngagementPolicy? policy = null,
        IReadOnlyList<SentMessage>? history = null,
        ProgramConditions? program = null) =>
        PairEngine.Evaluate(new PairSnapshot(pair ?? Pair(), ledger, history ?? [], program), policy ?? AnyHourPolicy, now);

    public static List<SentMessage> AsHistory(this IEnumerable<MessageDecision> decisions) =>
        [.. decisions.Select(d => d.ToSentMessage())];
}
