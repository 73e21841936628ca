using Mentoring.Engine.Signals;
using Mentoring.Engine.Tests.Support;
using static Mentoring.Engine.Tests.Support.A;

namespace Mentoring.Engine.Tests.Signals;

public sealed class LateChangeTests
{
    // Meeting 3 of the pair, so the early-meeting weight does not blur the late-change weight.
    private static readonly DateTimeOffset Start = T0 + Days(30);

    private static LedgerChange[] ThirdMeetingMoved(DateTimeOffset movedAt) =>
    [
        Scheduled("m0", T0, T0 + Days(1)),
        Scheduled("m1", T0, T0 + Days(15)),
        Scheduled("m2", T0 + Days(16), Start),
        Moved("m2", movedAt, Start, Start + Days(7)),
    ];

    [Fact]
    public void LateChange_PostponedJustOverADayBefore_NotLate()
    {
        var evaluation = Evaluate(ThirdMeetingMoved(Start - Days(1) - Minute), Start);

        Assert.False(Has.Signal(evaluation, SignalKind.LateChange));
        Assert.Equal(92, evaluation.Health.Score);
    }

    [Fact]
    public void LateChange_PostponedJustUnderADayBefore_LateAndWeighsDouble()
    {
        var evaluation = Evaluate(ThirdMeetingMoved(Start - Days(1) + Minute), Start);

        Assert.True(Has.Signal(evaluation, SignalKind.LateChange));
        Assert.Equal(84, evaluation.Health.Score);
    }

    [Fact]
    public void LateChange_CancelledAnHourBefore_Late()
    {
        LedgerChange[] ledger = [Scheduled("m1", T0, Start), Cancelled("m1", Start - Hours(1))];

        Assert.True(Has.Signal(Evaluate(ledger, Start), SignalKind.LateChange));
    }

    [Fact]
    public void EarlyMeeting_PostponingTheFirstMeeting_WeighsMoreThanALaterOne()
    {
        LedgerChange[] first = [Scheduled("m1", T0, T0 + Days(10)), Moved("m1", T0 + Days(3), T0 + Days(10), T0 + Days(12))];

        var evaluation = Evaluate(first, T0 + Days(4));

        Assert.Equal(88, evaluation.Health.Score); // 8 points × 1.5
    }
}
