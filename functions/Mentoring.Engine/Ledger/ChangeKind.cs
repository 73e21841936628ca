namespace Mentoring.Engine.Ledger;

/// <summary>What happened to a meeting. One vocabulary for every calendar source.</summary>
public enum ChangeKind
{
    Scheduled,
    Rescheduled,
    Cancelled,
    Held,
    NoShow,
}
