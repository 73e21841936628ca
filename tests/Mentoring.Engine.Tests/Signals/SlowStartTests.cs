using Mentoring.Engine.Policy;
using Mentoring.Engine.Replay;
using Mentoring.Engine.Signals;
using Mentoring.Engine.Tests.Support;
using static Mentoring.Engine.Tests.Support.A;

namespace Mentoring.Engine.Tests.Signals;

public sealed class SlowStartTests
{
    [Fact]
    public void SlowStart_JustBeforeFourteenDaysWithoutAMeeting_NotYet()
    {
        Assert.False(Has.Signal(Evaluate([], T0 + Days(14) - Minute), SignalKind.SlowStart));
    }

    [Fact]
    public void SlowStart_FourteenDaysWithoutAMeetingHeld_Signalled()
    {
        LedgerChange[] bookedLate = [Scheduled("m1", T0 + Days(2), T0 + Days(20))];

        var evaluation = Evaluate(bookedLate, T0 + Days(14));

        Assert.Equal(T0 + Days(14), evaluation.Health.Signals.Single(s => s.Kind == SignalKind.SlowStart).Since);
    }

    [Fact]
    public void SlowStart_FirstMeetingHeldInTime_NotSignalled()
    {
        Assert.False(Has.Signal(Evaluate(MeetingHeldAt("m1", T0 + Days(5)), T0 + Days(14)), SignalKind.SlowStart));
    }

    // A pair known only by its history (`replay`) starts at its first meeting's start: the setbacks of a first meeting
    // happen before that, and still count.
    private static readonly DateTimeOffset FirstStart = T0 + Days(7);

    [Fact]
    public void SlowStart_FirstMeetingCancelledAnHourBefore_LateChangeBeforeThePairsStart()
    {
        LedgerChange[] ledger =
        [
            Scheduled("m1", T0, FirstStart),
            Cancelled("m1", FirstStart - Hours(1), Party.Mentee),
            Scheduled("m2", FirstStart - Hours(1), FirstStart + Days(7)),
        ];

        var evaluation = Evaluate(ledger, FirstStart, Pair(startedAt: FirstStart));

        Assert.True(Has.Signal(evaluation, SignalKind.LateChange));
        Assert.Equal(76, evaluation.Health.Score); // one setback × 2 (late) × 1.5 (first meeting)
    }

    [Fact]
    public void SlowStart_FirstMeetingPostponedTwiceBeforeItWasDue_RepeatedPostponement()
    {
        LedgerChange[] ledger =
        [
            Scheduled("m1", T0, FirstStart),
            Moved("m1", T0 + Days(3), FirstStart, FirstStart + Days(7), Party.Mentor),
            Moved("m1", T0 + Days(10), FirstStart + Days(7), FirstStart + Days(14), Party.Mentor),
        ];

        var evaluation = Evaluate(ledger, T0 + Days(11), Pair(startedAt: FirstStart));

        Assert.True(Has.Signal(evaluation, SignalKind.RepeatedPostponement));
    }

    [Fact]
    public void SlowStart_Replay_FirstMeetingsPostponed_Signalled()
    {
        LedgerChange[] ledger =
        [
            Scheduled("m1", T0, FirstStart),
            Scheduled("m2", T0, FirstStart + Days(14)),
            Moved("m1", FirstStart - Days(2), FirstStart, FirstStart + Days(3)),
            Moved("m2", FirstStart + Days(1), FirstStart + Days(14), FirstStart + Days(21)),
        ];

        var result = PairReplay.Run(Pair(startedAt: FirstStart), ledger, EngagementPolicy.Default, FirstStart + Days(28));

        Assert.Contains(result.Signals, s => s.Kind == SignalKind.RepeatedPostponement);
    }

    [Fact]
    public void Setbacks_BeforeTheLastMeetingHeld_DoNotCount()
    {
        LedgerChange[] ledger =
        [
            Scheduled("m1", T0, FirstStart),
            Moved("m1", T0 + Days(1), FirstStart, FirstStart + Days(1)),
            Moved("m1", T0 + Days(2), FirstStart + Days(1), FirstStart + Days(2)),
            Scheduled("m2", FirstStart + Days(3), FirstStart + Days(10)),
        ];

        var evaluation = Evaluate(ledger, FirstStart + Days(4), Pair(startedAt: FirstStart));

        Assert.False(Has.Signal(evaluation, SignalKind.RepeatedPostponement));
        Assert.Equal(100, evaluation.Health.Score);
    }
}
