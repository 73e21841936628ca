using Mentoring.Engine.Campaign;
using Mentoring.Engine.Ledger;
using Mentoring.Engine.Meetings;
using Mentoring.Engine.Messages;
using Mentoring.Engine.Pairs;
using Mentoring.Engine.Policy;
using Mentoring.Engine.Signals;

namespace Mentoring.Engine.Replay;

/// <summary>
/// Runs the engine over a pair's history as the live system would have: at every change and at every instant the
/// engine asked to be woken, feeding each decided message back as sent at its send time.
/// </summary>
/// <remarks>
/// The ledger is put in the engine's reading order once (when made, then change id, then kind), and each evaluation
/// reads only the changes made by its instant: what the engine would read of the whole ledger at that instant, in the
/// same order. One timeline is folded as the replay steps (each change once), not the whole history again at every
/// evaluation: that made a long history quadratic.
/// </remarks>
public static class PairReplay
{
    /// <summary>A bound on evaluations, far above any real history, so a policy mistake cannot loop forever.</summary>
    public const int MaxEvaluations = 100_000;

    /// <summary>
    /// The change instants a replay steps through at most: each evaluation folds the whole history made so far, so a
    /// history of tens of thousands of changes stepped through from its start would cost their square. A longer history
    /// is stepped through from its last this-many change instants; what came before is folded into the state the first
    /// step sees, and <see cref="ReplayResult.SteppedFrom"/> says where stepping began.
    /// </summary>
    public const int MaxSteppedChangeInstants = 2_000;

    public static ReplayResult Run(
        PairContext pair,
        IReadOnlyList<LedgerChange> ledger,
        EngagementPolicy policy,
        DateTimeOffset asOf,
        ProgramConditions? program = null)
    {
        var ordered = InReadingOrder(ledger);
        var changeTimes = ordered.Select(c => c.ChangedAt).Where(t => t <= asOf).Distinct().Order().ToArray();
        var at = StartOf(pair, policy, changeTimes);
        DateTimeOffset? steppedFrom = null;
        if (changeTimes.Length > MaxSteppedChangeInstants)
        {
            at = changeTimes[^MaxSteppedChangeInstants];
            steppedFrom = at;
        }

        var known = 0;
        var timeline = Timeline.InReadingOrder(ordered);
        var history = new List<SentMessage>();
        var decided = new List<MessageDecision>();
        var signals = new List<Signal>();
        var seen = new HashSet<(SignalKind, DateTimeOffset)>();
        var nextChange = 0;
        var evaluations = 0;
        while (true)
        {
            while (known < ordered.Length && ordered[known].ChangedAt <= at)
                known++;
            timeline.AdvanceTo(known, at, policy);
            var evaluation = PairEngine.EvaluateFolded(timeline, new PairSnapshot(pair, new ArraySegment<LedgerChange>(ordered, 0, known), history, program), policy);
            evaluations++;
            foreach (var decision in evaluation.Decisions)
            {
                history.Add(decision.ToSentMessage());
                decided.Add(decision);
            }

            foreach (var signal in evaluation.Health.Signals)
            {
                if (seen.Add((signal.Kind, signal.Since)))
                    signals.Add(signal);
            }

            if (at >= asOf || evaluations >= MaxEvaluations)
            {
                var messages = decided.OrderBy(d => d.NotBefore).ThenBy(d => d.IdempotencyKey, StringComparer.Ordinal).ToList();
                return new ReplayResult(
                    at,
                    PairEngine.MeetingsOf(timeline),
                    timeline.CopyChanges(),
                    signals,
                    evaluation.Health,
                    messages.Where(d => d.NotBefore <= at).ToList(),
                    messages.Where(d => d.NotBefore > at).ToList(),
                    evaluations,
                    steppedFrom);
            }

            while (nextChange < changeTimes.Length && changeTimes[nextChange] <= at)
                nextChange++;
            var next = evaluation.NextEvaluationAt;
            if (nextChange < changeTimes.Length && changeTimes[nextChange] < next)
                next = changeTimes[nextChange];
            at = next < asOf ? next : asOf;
        }
    }

    /// <summary>The ledger in the order the engine reads it (ties kept in ledger order).</summary>
    private static LedgerChange[] InReadingOrder(IReadOnlyList<LedgerChange> ledger) =>
        [.. ledger.Select((change, position) => (change, position))
            .OrderBy(c => c.change.ChangedAt.UtcTicks)
            .ThenBy(c => c.change.ChangeId, StringComparer.Ordinal)
            .ThenBy(c => (int)c.change.Kind)
            .ThenBy(c => c.position)
            .Select(c => c.change)];

    private static DateTimeOffset StartOf(PairContext pair, EngagementPolicy policy, DateTimeOffset[] changeTimes)
    {
        var start = pair.StartedAt;
        if (changeTimes.Length > 0 && changeTimes[0] < start)
            start = changeTimes[0];
        if (pair.Cycle is { } cycle && policy.Campaign.Enabled)
        {
            var firstMoment = CampaignSchedule.For(cycle, policy.Campaign).Min(m => m.DueAt);
            if (firstMoment < start)
                start = firstMoment;
        }

        return start;
    }
}
