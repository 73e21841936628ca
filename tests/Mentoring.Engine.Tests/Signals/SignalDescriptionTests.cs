using Mentoring.Engine.Signals;
using static Mentoring.Engine.Tests.Support.A;

namespace Mentoring.Engine.Tests.Signals;

/// <summary>The one-line reasons admins read (digest, dashboard, alerts): numbers agree with their nouns.</summary>
public sealed class SignalDescriptionTests
{
    [Theory]
    [InlineData(SignalKind.Drifting, 1, "No meeting held for 1 day and none scheduled.")]
    [InlineData(SignalKind.CancelledNotRebooked, 1, "A meeting was cancelled and nothing rebooked for 1 day.")]
    [InlineData(SignalKind.RepeatedPostponement, 1, "1 postponement or cancellation since the last meeting held.")]
    [InlineData(SignalKind.LateChange, 1, "1 change less than a day before the meeting.")]
    [InlineData(SignalKind.LateChange, 2, "2 changes less than a day before the meeting.")]
    [InlineData(SignalKind.Dormant, 120, "No meeting held for 120 days: dormant.")]
    public void Describe_Count_AgreesWithItsNoun(SignalKind kind, int count, string expected)
    {
        Assert.Equal(expected, new Signal(kind, DateTimeOffset.UnixEpoch, count).Describe());
    }

    [Fact]
    public void Describe_PairThatNeverMet_CountsFromTheStartNotFromALastMeeting()
    {
        var pair = Pair(startedAt: T0);

        var atRisk = Evaluate([], T0 + Days(30), pair);
        var postponed = Evaluate(
            [Scheduled("m1", T0, T0 + Days(5)), Moved("m1", T0 + Days(1), T0 + Days(5), T0 + Days(9)), Moved("m1", T0 + Days(2), T0 + Days(9), T0 + Days(12))],
            T0 + Days(3),
            pair);

        Assert.Equal(
            "No meeting held in the 30 days since the pair started and none scheduled: at risk.",
            Assert.Single(atRisk.Health.Signals, s => s.Kind == SignalKind.AtRisk).Describe());
        Assert.Equal(
            "2 postponements or cancellations and no meeting held yet.",
            Assert.Single(postponed.Health.Signals, s => s.Kind == SignalKind.RepeatedPostponement).Describe());
    }

    [Fact]
    public void Describe_PairThatMet_CountsFromItsLastMeeting()
    {
        var held = T0 + Days(1);

        var evaluation = Evaluate([Scheduled("m1", T0, held)], held + Days(28), Pair(startedAt: T0));

        Assert.Equal(
            "No meeting held for 28 days and none scheduled: at risk.",
            Assert.Single(evaluation.Health.Signals, s => s.Kind == SignalKind.AtRisk).Describe());
    }
}
