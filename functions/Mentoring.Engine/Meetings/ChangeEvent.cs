using Mentoring.Engine.Ledger;

namespace Mentoring.Engine.Meetings;

/// <summary>A move, cancellation or no-show, with what the signals need to weigh it.</summary>
internal struct ChangeEvent
{
    /// <summary>UTC ticks.</summary>
    public long At;
    public int MeetingIndex;
    public ChangeEventKind Kind;
    public bool Late;

    /// <summary>The source said when the change was made (<see cref="At"/> is not only when it was recorded).</summary>
    public bool TimeKnown;
    public Party? By;

    /// <summary>Postponements, cancellations and no-shows: the changes that count against a pair.</summary>
    public readonly bool IsSetback => Kind != ChangeEventKind.MovedEarlier;
}
