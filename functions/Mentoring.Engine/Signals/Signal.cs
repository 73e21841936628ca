using System.Globalization;
using Mentoring.Engine.Ledger;

namespace Mentoring.Engine.Signals;

/// <summary>One reason a pair needs attention, and since when it holds.</summary>
/// <param name="Kind">Which signal.</param>
/// <param name="Since">The instant the signal's condition became true.</param>
/// <param name="Count">The count behind it (postponements, days), where it has one.</param>
/// <param name="Party">The participant it concerns, where it concerns one (one-sided).</param>
/// <param name="NeverMet">The pair has held no meeting yet, so its days count from the pair's start.</param>
public sealed record Signal(SignalKind Kind, DateTimeOffset Since, int Count = 0, Party? Party = null, bool NeverMet = false)
{
    /// <summary>Signals that open a ladder episode; the others only inform or route.</summary>
    public bool IsActionable => Kind is not (SignalKind.OneSided or SignalKind.ProgramCrunch or SignalKind.CancelledAfterReminder);

    /// <summary>One line an admin can read.</summary>
    public string Describe() => Kind switch
    {
        SignalKind.Drifting => Invariant($"{NoMeetingFor} and none scheduled."),
        SignalKind.AtRisk => Invariant($"{NoMeetingFor} and none scheduled: at risk."),
        SignalKind.Dormant => Invariant($"{NoMeetingFor}: dormant."),
        SignalKind.RepeatedPostponement => Invariant($"{Count} {(Count == 1 ? "postponement or cancellation" : "postponements or cancellations")} {(NeverMet ? "and no meeting held yet" : "since the last meeting held")}."),
        SignalKind.LateChange => Invariant($"{Count} {(Count == 1 ? "change" : "changes")} less than a day before the meeting."),
        SignalKind.CancelledNotRebooked => Invariant($"A meeting was cancelled and nothing rebooked for {Count} {Days}."),
        SignalKind.OneSided => Invariant($"The {Party?.ToString().ToLowerInvariant()} made most of the recent changes."),
        SignalKind.SlowStart => Invariant($"No first meeting held {Count} {Days} after the start."),
        SignalKind.ProgramCrunch => "The program is in a deadline season: individual nudges are held back.",
        SignalKind.CancelledAfterReminder => "A meeting was cancelled right after our reminder (not counted as drift).",
        _ => Kind.ToString(),
    };

    private string Days => Count == 1 ? "day" : "days";

    private string NoMeetingFor => NeverMet
        ? Invariant($"No meeting held in the {Count} {Days} since the pair started")
        : Invariant($"No meeting held for {Count} {Days}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
