namespace Mentoring.Engine.Meetings;

/// <summary>A change that matters to the signals, derived from the ledger.</summary>
internal enum ChangeEventKind : byte
{
    Postponed,
    MovedEarlier,
    Cancelled,
    NoShow,
}
