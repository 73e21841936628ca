using BenchmarkDotNet.Attributes;
using Mentoring.Engine;
using Mentoring.Engine.Ledger;
using Mentoring.Engine.Pairs;
using Mentoring.Engine.Policy;

namespace Mentoring.Benchmarks;

/// <summary>One evaluation of one pair, as the pair-evaluations queue handler runs it, for histories of growing length.</summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private PairSnapshot _snapshot = null!;
    private DateTimeOffset _now;

    [Params(10, 20, 50, 200)]
    public int Changes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var ledger = RealisticHistory.WithChanges(Changes);
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var pair = new PairContext(
            "pair-1",
            "program-1",
            new Participant("mentor-1", Party.Mentor, berlin),
            new Participant("mentee-1", Party.Mentee, TimeZoneInfo.FindSystemTimeZoneById("America/New_York")),
            RealisticHistory.Start,
            new CycleWindow("cycle-1", RealisticHistory.Start, RealisticHistory.Start + TimeSpan.FromDays(3650)),
            berlin);
        _now = ledger.Max(c => c.ChangedAt) + TimeSpan.FromDays(1);

        // The history the pipeline would hold: what earlier evaluations decided, so this one mostly re-checks.
        var history = PairEngine.Evaluate(new PairSnapshot(pair, ledger, []), EngagementPolicy.Default, _now)
            .Decisions.Select(d => d.ToSentMessage()).ToArray();
        _snapshot = new PairSnapshot(pair, ledger, history);
    }

    [Benchmark]
    public PairEvaluation Evaluate() => PairEngine.Evaluate(_snapshot, EngagementPolicy.Default, _now);
}
