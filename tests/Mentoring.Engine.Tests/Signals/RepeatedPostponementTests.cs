using Mentoring.Engine.Health;
using Mentoring.Engine.Signals;
using Mentoring.Engine.Tests.Support;
using static Mentoring.Engine.Tests.Support.A;

namespace Mentoring.Engine.Tests.Signals;

public sealed class RepeatedPostponementTests
{
    private static readonly DateTimeOffset Start = T0 + Days(10);

    [Fact]
    public void RepeatedPostponement_OnePostponement_NotSignalled()
    {
        LedgerChange[] ledger = [Scheduled("m1", T0, Start), Moved("m1", T0 + Days(2), Start, Start + Days(7))];

        var evaluation = Evaluate(ledger, T0 + Days(3));

        Assert.False(Has.Signal(evaluation, SignalKind.RepeatedPostponement));
        Assert.Equal(RiskLevel.Healthy, evaluation.Health.Level);
    }

    [Fact]
    public void RepeatedPostponement_TwoMovesOfTheSameMeeting_EachMoveCounts()
    {
        LedgerChange[] ledger =
        [
            Scheduled("m1", T0, Start),
            Moved("m1", T0 + Days(2), Start, Start + Days(7)),
            Moved("m1", T0 + Days(4), Start + Days(7), Start + Days(14)),
        ];

        var evaluation = Evaluate(ledger, T0 + Days(5));

        var signal = Assert.Single(evaluation.Health.Signals, s => s.Kind == SignalKind.RepeatedPostponement);
        Assert.Equal(2, signal.Count);
        Assert.Equal(T0 + Days(4), signal.Since);
        Assert.Equal(RiskLevel.Watch, evaluation.Health.Level);
    }

    [Fact]
    public void RepeatedPostponement_APostponementAndACancellation_Signalled()
    {
        LedgerChange[] ledger =
        [
            Scheduled("m1", T0, Start),
            Scheduled("m2", T0, Start + Days(14)),
            Moved("m1", T0 + Days(2), Start, Start + Days(3)),
            Cancelled("m2", T0 + Days(3)),
        ];

        Assert.True(Has.Signal(Evaluate(ledger, T0 + Days(4)), SignalKind.RepeatedPostponement));
    }

    [Fact]
    public void RepeatedPostponement_MovingEarlier_IsNotAPostponement()
    {
        LedgerChange[] ledger =
        [
            Scheduled("m1", T0, Start),
            Moved("m1", T0 + Days(2), Start, Start - Days(2)),
            Moved("m1", T0 + Days(3), Start - Days(2), Start - Days(3)),
        ];

        var evaluation = Evaluate(ledger, T0 + Days(4));

        Assert.False(Has.Signal(evaluation, SignalKind.RepeatedPostponement));
        Assert.Equal(100, evaluation.Health.Score);
    }

    [Fact]
    public void RepeatedPostponement_AHeldMeetingInBetween_StartsTheCountAgain()
    {
        LedgerChange[] ledger =
        [
            Scheduled("m1", T0, Start),
            Moved("m1", T0 + Days(2), Start, Start + Days(1)),
            Scheduled("m2", T0 + Days(12), Start + Days(14)),
            Moved("m2", T0 + Days(13), Start + Days(14), Start + Days(15)),
        ];

        // m1 was held on day 11, so only m2's move counts.
        Assert.False(Has.Signal(Evaluate(ledger, T0 + Days(14)), SignalKind.RepeatedPostponement));
    }

    [Fact]
    public void RepeatedPostponement_ThresholdIsAPolicyValue_ThreeNeeded()
    {
        LedgerChange[] ledger =
        [
            Scheduled("m1", T0, Start),
            Moved("m1", T0 + Days(2), Start, Start + Days(7)),
            Moved("m1", T0 + Days(4), Start + Days(7), Start + Days(14)),
        ];
        var patient = AnyHourPolicy with { RepeatedPostponementCount = 3 };

        Assert.False(Has.Signal(Evaluate(ledger, T0 + Days(5), policy: patient), SignalKind.RepeatedPostponement));
    }
}
