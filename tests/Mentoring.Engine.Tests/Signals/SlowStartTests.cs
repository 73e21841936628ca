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
}
