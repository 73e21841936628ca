using Mentoring.Engine.Messages;
using Mentoring.Engine.Signals;
using Mentoring.Engine.Tests.Support;
using static Mentoring.Engine.Tests.Support.A;

namespace Mentoring.Engine.Tests.Signals;

public sealed class ReminderThenCancelTests
{
    private static readonly DateTimeOffset M1 = T0 + Days(10);
    private static readonly DateTimeOffset M2 = T0 + Days(12);

    private static readonly LedgerChange[] TwoCancelled =
    [
        Scheduled("m1", T0, M1),
        Scheduled("m2", T0, M2),
        Moved("m1", T0 + Days(2), M1, M1 + Days(10)),
        Cancelled("m2", M2 - Days(1) + Hours(2)),
    ];

    private static SentMessage ReminderFor(string meeting, DateTimeOffset sentAt) =>
        new("reminder/" + meeting, TemplateIds.PreMeetingReminder, "mentor:mentor-1", sentAt, MeetingId: meeting);

    [Fact]
    public void ReminderThenCancel_CancelledRightAfterOurReminder_NotCountedAsAPostponement()
    {
        var evaluation = Evaluate(TwoCancelled, M2 - Days(1) + Hours(3), history: [ReminderFor("m2", M2 - Days(1))]);

        Assert.False(Has.Signal(evaluation, SignalKind.RepeatedPostponement));
        Assert.True(Has.Signal(evaluation, SignalKind.CancelledAfterReminder));
    }

    [Fact]
    public void ReminderThenCancel_CancelledLongAfterTheReminder_Counted()
    {
        var evaluation = Evaluate(TwoCancelled, M2 - Days(1) + Hours(3), history: [ReminderFor("m2", M2 - Days(4))]);

        Assert.True(Has.Signal(evaluation, SignalKind.RepeatedPostponement));
    }

    [Fact]
    public void ReminderThenCancel_AReminderForAnotherMeeting_DoesNotExcuseIt()
    {
        var evaluation = Evaluate(TwoCancelled, M2 - Days(1) + Hours(3), history: [ReminderFor("m1", M2 - Days(1))]);

        Assert.True(Has.Signal(evaluation, SignalKind.RepeatedPostponement));
    }
}
