using Mentoring.Engine.Signals;
using Mentoring.Engine.Tests.Support;
using static Mentoring.Engine.Tests.Support.A;

namespace Mentoring.Engine.Tests.Signals;

public sealed class CancelledNotRebookedTests
{
    private static readonly DateTimeOffset CancelledAt = T0 + Days(3);
    private static readonly LedgerChange[] Cancelled = [Scheduled("m1", T0, T0 + Days(10)), A.Cancelled("m1", CancelledAt, Party.Mentee)];

    [Fact]
    public void CancelledNotRebooked_JustBeforeSevenDays_NotYet()
    {
        Assert.False(Has.Signal(Evaluate(Cancelled, CancelledAt + Days(7) - Minute), SignalKind.CancelledNotRebooked));
    }

    [Fact]
    public void CancelledNotRebooked_SevenDaysWithoutANewMeeting_Signalled()
    {
        var evaluation = Evaluate(Cancelled, CancelledAt + Days(7));

        var signal = Assert.Single(evaluation.Health.Signals, s => s.Kind == SignalKind.CancelledNotRebooked);
        Assert.Equal(CancelledAt + Days(7), signal.Since);
    }

    [Fact]
    public void CancelledNotRebooked_ANewMeetingBookedWithinTheWeek_NotSignalled()
    {
        LedgerChange[] ledger = [.. Cancelled, Scheduled("m2", CancelledAt + Days(4), CancelledAt + Days(12))];

        Assert.False(Has.Signal(Evaluate(ledger, CancelledAt + Days(8)), SignalKind.CancelledNotRebooked));
    }

    [Fact]
    public void CancelledNotRebooked_TheCancelledMeetingRescheduled_CountsAsRebooked()
    {
        LedgerChange[] ledger = [.. Cancelled, Moved("m1", CancelledAt + Days(1), T0 + Days(10), T0 + Days(20))];

        Assert.False(Has.Signal(Evaluate(ledger, CancelledAt + Days(8)), SignalKind.CancelledNotRebooked));
    }
}
