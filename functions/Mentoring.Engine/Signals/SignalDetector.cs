using Mentoring.Engine.Ledger;
using Mentoring.Engine.Meetings;
using Mentoring.Engine.Pairs;
using Mentoring.Engine.Policy;

namespace Mentoring.Engine.Signals;

/// <summary>Recognises the postponement patterns of docs/engine.md in an observation.</summary>
internal static class SignalDetector
{
    public static Signal[] Detect(PairObservation seen, PairContext pair, ProgramConditions program, EngagementPolicy policy)
    {
        if (pair.Status != PairStatus.Active)
            return [];

        var signals = new SignalCollector();
        var now = seen.Timeline.Now;
        DetectDrift(seen, policy, ref signals);

        if (seen.RepeatedSince is { } repeatedSince)
            signals.Add(new Signal(SignalKind.RepeatedPostponement, repeatedSince, seen.Setbacks, NeverMet: !seen.HasHeld));
        if (seen.FirstLateSetbackAt is { } lateSince)
            signals.Add(new Signal(SignalKind.LateChange, lateSince, seen.LateSetbacks));

        if (seen.LastCancellationAt is { } cancelledAt && !seen.RebookedAfterLastCancellation)
        {
            var notRebookedSince = cancelledAt + TimeSpan.FromDays(policy.RebookWithinDays);
            if (now >= notRebookedSince)
                signals.Add(new Signal(SignalKind.CancelledNotRebooked, notRebookedSince, policy.RebookWithinDays));
        }

        var attributed = seen.MentorSetbacks + seen.MenteeSetbacks;
        if (attributed >= policy.OneSidedMinimumChanges && seen.LastSetbackAt is { } lastSetback)
        {
            if (seen.MentorSetbacks >= policy.OneSidedShare * attributed)
                signals.Add(new Signal(SignalKind.OneSided, lastSetback, seen.MentorSetbacks, Party.Mentor));
            else if (seen.MenteeSetbacks >= policy.OneSidedShare * attributed)
                signals.Add(new Signal(SignalKind.OneSided, lastSetback, seen.MenteeSetbacks, Party.Mentee));
        }

        var slowStartAt = pair.StartedAt + TimeSpan.FromDays(policy.SlowStartDays);
        if (seen.MeetingsHeld == 0 && now >= slowStartAt)
            signals.Add(new Signal(SignalKind.SlowStart, slowStartAt, policy.SlowStartDays));

        if (seen.FirstHonestCancellationAt is { } honestAt)
            signals.Add(new Signal(SignalKind.CancelledAfterReminder, honestAt, seen.HonestCancellations));
        if (program.CrunchActive)
            signals.Add(new Signal(SignalKind.ProgramCrunch, now));

        return signals.ToArray();
    }

    // In UTC ticks, like the observation; only a signal's instant becomes a DateTimeOffset (in UTC).
    private static void DetectDrift(PairObservation seen, EngagementPolicy policy, ref SignalCollector signals)
    {
        var now = seen.Timeline.NowTicks;
        var reference = seen.ReferenceTicks;
        var days = (int)TimeSpan.FromTicks(now - reference).TotalDays;
        var dormantAt = reference + TimeSpan.FromDays(policy.DormantDays).Ticks;
        if (now >= dormantAt)
        {
            signals.Add(new Signal(SignalKind.Dormant, Ticks.At(dormantAt), days, NeverMet: !seen.HasHeld));
            return;
        }

        if (seen.NextUpcomingIndex >= 0)
            return;

        var lostAt = seen.LastLossTicks != Ticks.None ? seen.LastLossTicks : reference;
        var atRiskAt = Math.Max(reference + (policy.Cadence * policy.AtRiskCadenceFactor).Ticks, lostAt);
        var driftingAt = Math.Max(reference + (policy.Cadence * policy.DriftingCadenceFactor).Ticks, lostAt);
        if (now >= atRiskAt)
            signals.Add(new Signal(SignalKind.AtRisk, Ticks.At(atRiskAt), days, NeverMet: !seen.HasHeld));
        else if (now >= driftingAt)
            signals.Add(new Signal(SignalKind.Drifting, Ticks.At(driftingAt), days, NeverMet: !seen.HasHeld));
    }
}
