using Mentoring.Engine.Ledger;

namespace Mentoring.Engine.Meetings;

/// <summary>Mutable working state of one meeting while the ledger is folded. Instants are UTC ticks (<see cref="Ticks"/>).</summary>
internal struct MeetingState
{
    public string Id;
    public long OriginalStart;
    public long Start;
    public long End;
    public long ScheduledAt;
    public long CancelledAt;
    public MeetingStatus Status;
    public bool HeldConfirmed;

    /// <summary>A no-show stands on a person's word (an admin's log, a check-in): a provider cannot withdraw it.</summary>
    public bool NoShowByPerson;

    /// <summary>It was confirmed held before the no-show: what a withdrawn no-show returns it to.</summary>
    public bool HeldBeforeNoShow;
    public int TimesMoved;
    public int Postponements;
    public Party? CancelledBy;
    public string? CancellationReason;

    public readonly DateTimeOffset StartAt => Ticks.At(Start);

    public readonly DateTimeOffset EndAt => Ticks.At(End);

    /// <summary>Held, confirmed or presumed (its end passed with nothing cancelling it).</summary>
    public readonly bool IsHeldAt(long now) =>
        Status == MeetingStatus.Held || (Status == MeetingStatus.Scheduled && End <= now);

    public readonly bool IsUpcomingAt(long now) => Status == MeetingStatus.Scheduled && End > now;

    public readonly Meeting ToMeeting(long now) => new(
        Id,
        Ticks.At(OriginalStart),
        Ticks.At(Start),
        Ticks.At(End),
        IsHeldAt(now) ? MeetingStatus.Held : Status,
        HeldConfirmed,
        TimesMoved,
        Postponements,
        Ticks.AtOrNull(CancelledAt),
        CancelledBy,
        CancellationReason);
}
