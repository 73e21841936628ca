namespace Mentoring.Engine.Signals;

public enum SignalKind
{
    /// <summary>No held meeting for 1.5 cadences and none scheduled.</summary>
    Drifting,
    /// <summary>No held meeting for 2 cadences and none scheduled.</summary>
    AtRisk,
    /// <summary>No held meeting for 90 days.</summary>
    Dormant,
    /// <summary>Two or more postponements or cancellations since the last held meeting.</summary>
    RepeatedPostponement,
    /// <summary>A postponement or cancellation less than 24 h before the start.</summary>
    LateChange,
    /// <summary>A cancellation with no new meeting booked within 7 days.</summary>
    CancelledNotRebooked,
    /// <summary>One participant made at least two thirds of the recent changes.</summary>
    OneSided,
    /// <summary>No meeting held within 14 days of the pair's start.</summary>
    SlowStart,
    /// <summary>The program is in a deadline season: individual nudges are held back.</summary>
    ProgramCrunch,
    /// <summary>A cancellation soon after our reminder: honest, not drift by itself (not counted as a postponement).</summary>
    CancelledAfterReminder,
}
