using BenchmarkDotNet.Attributes;
using Mentoring.Engine;
using Mentoring.Engine.Ledger;
using Mentoring.Engine.Meetings;
using Mentoring.Engine.Pairs;
using Mentoring.Engine.Policy;
using Mentoring.Engine.Signals;

namespace Mentoring.Benchmarks;

/// <summary>The evaluation's stages on their own, to see where its time goes.</summary>
[MemoryDiagnoser]
public class EngineStageBenchmarks
{
    private LedgerChange[] _ledger = null!;
    private PairContext _pair = null!;
    private DateTimeOffset _now;

    [Params(20, 200)]
    public int Changes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _ledger = RealisticHistory.WithChanges(Changes);
        _now = _ledger.Max(c => c.ChangedAt) + TimeSpan.FromDays(1);
        _pair = new PairContext(
            "pair-1",
            "program-1",
            new Participant("mentor-1", Party.Mentor, TimeZoneInfo.Utc),
            new Participant("mentee-1", Party.Mentee, TimeZoneInfo.Utc),
            RealisticHistory.Start,
            null,
            TimeZoneInfo.Utc);
    }

    [Benchmark]
    public int FoldLedger()
    {
        var timeline = Timeline.Build(_ledger, _now, EngagementPolicy.Default);
        return timeline.MeetingCount;
    }

    [Benchmark]
    public int FoldAndObserve()
    {
        var timeline = Timeline.Build(_ledger, _now, EngagementPolicy.Default);
        return PairObservation.Observe(timeline, _pair, [], EngagementPolicy.Default).Setbacks;
    }

    [Benchmark]
    public PairEvaluation EvaluateWithoutCampaign() =>
        PairEngine.Evaluate(new PairSnapshot(_pair, _ledger, []), EngagementPolicy.Default, _now);
}
