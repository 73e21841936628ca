using Mentoring.Engine.Health;
using Mentoring.Engine.Signals;
using Mentoring.Engine.Tests.Support;
using static Mentoring.Engine.Tests.Support.A;

namespace Mentoring.Engine.Tests.Signals;

public sealed class DriftTests
{
    // Held at T0+1d; the default cadence is 14 days, so drifting from 21 days, at risk from 28, dormant from 90.
    private static readonly DateTimeOffset LastHeld = T0 + Days(1);
    private static readonly LedgerChange[] OneMeetingHeld = [Scheduled("m1", T0, LastHeld)];

    [Fact]
    public void Drifting_JustBeforeOneAndAHalfCadences_NotYet()
    {
        var evaluation = Evaluate(OneMeetingHeld, LastHeld + Days(21) - Minute);

        Assert.False(Has.Signal(evaluation, SignalKind.Drifting));
        Assert.Equal(RiskLevel.Healthy, evaluation.Health.Level);
    }

    [Fact]
    public void Drifting_AtOneAndAHalfCadencesWithNothingScheduled_Signalled()
    {
        var evaluation = Evaluate(OneMeetingHeld, LastHeld + Days(21));

        var signal = Assert.Single(evaluation.Health.Signals, s => s.Kind == SignalKind.Drifting);
        Assert.Equal(LastHeld + Days(21), signal.Since);
        Assert.Equal(RiskLevel.Watch, evaluation.Health.Level);
    }

    [Fact]
    public void Drifting_WithAMeetingScheduled_NotSignalled()
    {
        LedgerChange[] ledger = [.. OneMeetingHeld, Scheduled("m2", LastHeld + Days(10), LastHeld + Days(30))];

        var evaluation = Evaluate(ledger, LastHeld + Days(25));

        Assert.DoesNotContain(evaluation.Health.Signals, s => s.Kind is SignalKind.Drifting or SignalKind.AtRisk);
    }

    [Fact]
    public void AtRisk_JustBeforeTwoCadences_StillDrifting()
    {
        var evaluation = Evaluate(OneMeetingHeld, LastHeld + Days(28) - Minute);

        Assert.True(Has.Signal(evaluation, SignalKind.Drifting));
        Assert.False(Has.Signal(evaluation, SignalKind.AtRisk));
    }

    [Fact]
    public void AtRisk_AtTwoCadences_ReplacesDrifting()
    {
        var evaluation = Evaluate(OneMeetingHeld, LastHeld + Days(28));

        Assert.True(Has.Signal(evaluation, SignalKind.AtRisk));
        Assert.False(Has.Signal(evaluation, SignalKind.Drifting));
        Assert.Equal(RiskLevel.AtRisk, evaluation.Health.Level);
    }

    [Fact]
    public void Dormant_JustBeforeNinetyDays_AtRisk()
    {
        var evaluation = Evaluate(OneMeetingHeld, LastHeld + Days(90) - Minute);

        Assert.Equal(RiskLevel.AtRisk, evaluation.Health.Level);
    }

    [Fact]
    public void Dormant_AtNinetyDays_Dormant()
    {
        var evaluation = Evaluate(OneMeetingHeld, LastHeld + Days(90));

        Assert.True(Has.Signal(evaluation, SignalKind.Dormant));
        Assert.Equal(RiskLevel.Dormant, evaluation.Health.Level);
    }

    [Fact]
    public void Drifting_CadenceIsAPolicyValue_ThresholdFollowsIt()
    {
        var weekly = AnyHourPolicy with { CadenceDays = 7 };

        Assert.False(Has.Signal(Evaluate(OneMeetingHeld, LastHeld + Days(10.5) - Minute, policy: weekly), SignalKind.Drifting));
        Assert.True(Has.Signal(Evaluate(OneMeetingHeld, LastHeld + Days(10.5), policy: weekly), SignalKind.Drifting));
    }

    [Fact]
    public void Drifting_ACancellationLeavesNothingScheduled_CountsFromTheCancellationAtTheEarliest()
    {
        // The next meeting was cancelled on day 25: drifting holds from then, not retroactively from day 21.
        LedgerChange[] ledger =
        [
            .. OneMeetingHeld,
            Scheduled("m2", LastHeld + Days(2), LastHeld + Days(26)),
            Cancelled("m2", LastHeld + Days(25)),
        ];

        var evaluation = Evaluate(ledger, LastHeld + Days(25) + Hours(1));

        Assert.Equal(LastHeld + Days(25), evaluation.Health.Signals.Single(s => s.Kind == SignalKind.Drifting).Since);
    }
}
