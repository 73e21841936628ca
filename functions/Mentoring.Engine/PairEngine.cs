using Mentoring.Engine.Campaign;
using Mentoring.Engine.Health;
using Mentoring.Engine.Ladder;
using Mentoring.Engine.Ledger;
using Mentoring.Engine.Meetings;
using Mentoring.Engine.Messages;
using Mentoring.Engine.Pairs;
using Mentoring.Engine.Policy;
using Mentoring.Engine.Programs;
using Mentoring.Engine.Signals;

namespace Mentoring.Engine;

/// <summary>
/// The engine: a pair's ledger, policy, message history and an instant in; its state and the messages to send out.
/// Pure: no I/O, no clock. The same input always gives the same output.
/// </summary>
public static class PairEngine
{
    /// <summary>Nothing waits longer than this between two evaluations, whatever the ledger says.</summary>
    public static readonly TimeSpan MaxEvaluationInterval = TimeSpan.FromDays(7);

    public static PairEvaluation Evaluate(PairSnapshot snapshot, EngagementPolicy policy, DateTimeOffset now) =>
        EvaluateFolded(Timeline.Build(snapshot.Ledger, now, policy), snapshot, policy);

    /// <summary>The same, on the snapshot's ledger already folded to the instant of evaluation (a replay folds as it steps).</summary>
    internal static PairEvaluation EvaluateFolded(Timeline timeline, PairSnapshot snapshot, EngagementPolicy policy)
    {
        var pair = snapshot.Pair;
        var now = timeline.Now;
        var seen = PairObservation.Observe(timeline, pair, snapshot.History, policy);
        var program = ProgramCrunchDetector.WithPair(snapshot.Program ?? ProgramConditions.None, pair, seen.LastSetbackAt, policy, now);
        var signals = SignalDetector.Detect(seen, pair, program, policy);
        var health = HealthScorer.Score(signals, seen.WeightedSetbacks);

        var next = new NextEvaluation(now, MaxEvaluationInterval);
        ConsiderThresholds(seen, pair, policy, ref next);
        var episodeKey = EscalationLadder.EpisodeKeyOf(seen, pair);
        var sink = new DecisionSink(seen, pair, health, program, snapshot.History, policy, snapshot.OtherSends ?? []);
        EscalationLadder.ThankOnClose(seen, pair, policy, snapshot.History, sink);
        EscalationLadder.Decide(seen, episodeKey, signals, pair, program, policy, snapshot.History, sink, ref next);
        CampaignSchedule.Decide(seen, pair, policy, sink, ref next);
        PreMeetingReminders.Decide(seen, pair, policy, sink, ref next);

        return new PairEvaluation(
            pair.PairId,
            now,
            health,
            sink.Decisions,
            next.At,
            episodeKey,
            seen.MeetingsHeld,
            seen.LastHeldStart,
            seen.NextUpcomingStart,
            seen.LastSetbackAt);
    }

    /// <summary>The meetings as the ledger says they stand at <paramref name="now"/>, by original start.</summary>
    public static IReadOnlyList<Meeting> MeetingsAt(IReadOnlyList<LedgerChange> ledger, DateTimeOffset now, EngagementPolicy policy) =>
        MeetingsOf(Timeline.Build(ledger, now, policy));

    /// <summary>The meetings as a timeline says they stand at its instant, by original start.</summary>
    internal static IReadOnlyList<Meeting> MeetingsOf(Timeline timeline)
    {
        var meetings = new List<Meeting>(timeline.MeetingCount);
        foreach (var meeting in timeline.Meetings)
            meetings.Add(meeting.ToMeeting(timeline.NowTicks));
        return [.. meetings.OrderBy(m => m.OriginalStart).ThenBy(m => m.Id, StringComparer.Ordinal)];
    }

    /// <summary>The ledger's distinct changes made up to <paramref name="now"/>, in the order the engine reads them.</summary>
    public static IReadOnlyList<LedgerChange> DistinctChanges(IReadOnlyList<LedgerChange> ledger, DateTimeOffset now, EngagementPolicy policy) =>
        Timeline.Build(ledger, now, policy).CopyChanges();

    /// <summary>Every instant at which a signal's condition turns true by time alone.</summary>
    /// <remarks>In UTC ticks, like the observation: the instants come from it, and become instants only if one is next.</remarks>
    private static void ConsiderThresholds(PairObservation seen, PairContext pair, EngagementPolicy policy, ref NextEvaluation next)
    {
        var reference = seen.ReferenceTicks;
        var lostAt = seen.LastLossTicks != Ticks.None ? seen.LastLossTicks : reference;
        next.Consider(reference + TimeSpan.FromDays(policy.DormantDays).Ticks);
        next.Consider(Math.Max(reference + (policy.Cadence * policy.DriftingCadenceFactor).Ticks, lostAt));
        next.Consider(Math.Max(reference + (policy.Cadence * policy.AtRiskCadenceFactor).Ticks, lostAt));
        next.Consider(pair.StartedAt + TimeSpan.FromDays(policy.SlowStartDays));
        if (seen.LastCancellationTicks != Ticks.None)
            next.Consider(seen.LastCancellationTicks + TimeSpan.FromDays(policy.RebookWithinDays).Ticks);
        if (seen.EarliestUpcomingEnd != Ticks.None)
            next.Consider(seen.EarliestUpcomingEnd); // a booked meeting is presumed held once it ends
    }
}
