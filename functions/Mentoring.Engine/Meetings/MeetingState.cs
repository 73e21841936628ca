using Mentoring.Engine.Ledger;

namespace Mentoring.Engine.Meetings;

/// <summary>Mutable working state of one meeting while the ledger is folded.</summary>
internal struct MeetingState
{
    public string Id;
    public DateTimeOffset OriginalStart;
    public DateTimeOffset Start;
    public DateTimeOffset End;
    public DateTimeOffset ScheduledAt;
    public MeetingStatus Status;
    public bool HeldConfirmed;
    public int TimesMoved;
    public int Postponements;
    public DateTimeOffset? CancelledAt;
    public Party? CancelledBy;
    public string? CancellationReason;

    /// <summary>Held, confirmed or presumed (its end passed with nothing cancelling it).</summary>
    public readonly bool IsHeldAt(DateTimeOffset now) =>
        Status == MeetingStatus.Held || (Status == MeetingStatus.Scheduled && End <= now);

    public readonly bool IsUpcomingAt(DateTimeOffset now) => Status == MeetingStatus.Scheduled && End > now;

    public readonly Meeting ToMeeting(DateTimeOffset now) => new(
        Id,
        OriginalStart,
        Start,
        End,
        IsHeldAt(now) ? MeetingStatus.Held : Status,
        HeldConfirmed,
        TimesMoved,
        Postponements,
        CancelledAt,
        CancelledBy,
        CancellationReason);
}
