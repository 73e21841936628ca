using Mentoring.Engine.Campaign;
using Mentoring.Engine.Ledger;
using Mentoring.Engine.Messages;
using Mentoring.Engine.Pairs;
using Mentoring.Engine.Policy;
using Mentoring.Engine.Signals;

namespace Mentoring.Engine.Replay;

/// <summary>
/// Runs the engine over a pair's history as the live system would have: at every change and at every instant the
/// engine asked to be woken, feeding each decided message back as sent at its send time.
/// </summary>
public static class PairReplay
{
    /// <summary>A bound on evaluations, far above any real history, so a policy mistake cannot loop forever.</summary>
    public const int MaxEvaluations = 100_000;

    public static ReplayResult Run(
        PairContext pair,
        IReadOnlyList<LedgerChange> ledger,
        EngagementPolicy policy,
        DateTimeOffset asOf,
        ProgramConditions? program = null)
    {
        var changeTimes = ledger.Select(c => c.ChangedAt).Where(t => t <= asOf).Distinct().Order().ToArray();
        var at = StartOf(pair, policy, changeTimes);
        var history = new List<SentMessage>();
        var decided = new List<MessageDecision>();
        var signals = new List<Signal>();
        var seen = new HashSet<(SignalKind, DateTimeOffset)>();
        var nextChange = 0;
        var evaluations = 0;
        while (true)
        {
            var evaluation = PairEngine.Evaluate(new PairSnapshot(pair, ledger, history, program), policy, at);
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
                var ordered = decided.OrderBy(d => d.NotBefore).ThenBy(d => d.IdempotencyKey, StringComparer.Ordinal).ToList();
                return new ReplayResult(
                    at,
                    PairEngine.MeetingsAt(ledger, at, policy),
                    PairEngine.DistinctChanges(ledger, at, policy),
                    signals,
                    evaluation.Health,
                    ordered.Where(d => d.NotBefore <= at).ToList(),
                    ordered.Where(d => d.NotBefore > at).ToList(),
                    evaluations);
            }

            while (nextChange < changeTimes.Length && changeTimes[nextChange] <= at)
                nextChange++;
            var next = evaluation.NextEvaluationAt;
            if (nextChange < changeTimes.Length && changeTimes[nextChange] < next)
                next = changeTimes[nextChange];
            at = next < asOf ? next : asOf;
        }
    }

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
