using Mentoring.Engine.Health;
using Mentoring.Engine.Ladder;
using Mentoring.Engine.Meetings;
using Mentoring.Engine.Messages;
using Mentoring.Engine.Pairs;
using Mentoring.Engine.Policy;
using Mentoring.Engine.Signals;

namespace Mentoring.Engine;

/// <summary>
/// A pair's facts as a message decided at <c>now</c> would carry them: the same observation, signals and health as
/// <see cref="PairEngine.Evaluate"/>, so a preview shows the numbers a real email would.
/// </summary>
public static class CurrentFacts
{
    public static IReadOnlyDictionary<string, string> Of(PairSnapshot snapshot, EngagementPolicy policy, DateTimeOffset now) =>
        Observe(snapshot, policy, now).Facts;

    /// <summary>The same, with what a ladder email of the pair's current episode would add for <paramref name="reader"/>.</summary>
    public static IReadOnlyDictionary<string, string> ForLadderEmail(
        PairSnapshot snapshot, EngagementPolicy policy, Recipient reader, DateTimeOffset now)
    {
        var (seen, facts) = Observe(snapshot, policy, now);
        return LadderFacts.For(facts, reader, EscalationLadder.EpisodeKeyOf(seen, snapshot.Pair), snapshot.History, seen);
    }

    private static (PairObservation Seen, IReadOnlyDictionary<string, string> Facts) Observe(
        PairSnapshot snapshot, EngagementPolicy policy, DateTimeOffset now)
    {
        var program = snapshot.Program ?? ProgramConditions.None;
        var timeline = Timeline.Build(snapshot.Ledger, now, policy);
        var seen = PairObservation.Observe(timeline, snapshot.Pair, snapshot.History, policy);
        var health = HealthScorer.Score(SignalDetector.Detect(seen, snapshot.Pair, program, policy), seen.WeightedSetbacks);
        return (seen, PairFacts.Of(seen, snapshot.Pair, health, program, policy));
    }
}
