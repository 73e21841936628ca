namespace Mentoring.Engine.Ledger;

/// <summary>What happened to a meeting. One vocabulary for every calendar source.</summary>
public enum ChangeKind
{
    Scheduled,
    Rescheduled,
    Cancelled,
    Held,
    NoShow,

    /// <summary>
    /// A no-show withdrawn (Cal.com unmarks it): the meeting is as it was before the no-show. Appended last: kinds are
    /// stored by name, and order matters to nothing but ties in the timeline's order.
    /// </summary>
    NoShowRetracted,
}
