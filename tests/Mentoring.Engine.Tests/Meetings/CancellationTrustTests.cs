using Mentoring.Engine.Meetings;
using Mentoring.Engine.Messages;
using Mentoring.Engine.Policy;
using Mentoring.Engine.Signals;
using Mentoring.Engine.Tests.Support;
using static Mentoring.Engine.Tests.Support.A;

namespace Mentoring.Engine.Tests.Meetings;

/// <summary>
/// How far the fold trusts a cancellation: an explicit one counts whenever it was recorded, a removal after the meeting
/// ended is housekeeping, a change whose time is unknown is never late, and an admin's record of an outcome is final.
/// </summary>
public sealed class CancellationTrustTests
{
    // The pair's third meeting, so the early-meeting weight stays out of the scores.
    private static readonly DateTimeOffset Start = T0 + Days(30);

    private static readonly LedgerChange[] TwoHeldBefore =
    [
        Scheduled("m0", T0, T0 + Days(1)),
        Scheduled("m1", T0, T0 + Days(15)),
        Scheduled("m2", T0 + Days(16), Start),
    ];

    private static Meeting MeetingOf(IReadOnlyList<LedgerChange> ledger, string id, DateTimeOffset now) =>
        PairEngine.MeetingsAt(ledger, now, EngagementPolicy.Default).Single(m => m.Id == id);

    [Fact]
    public void ExplicitCancellation_RecordedWeeksAfterTheMeeting_Cancelled()
    {
        LedgerChange[] ledger = [.. TwoHeldBefore, Cancelled("m2", Start + Days(20)).TimeUnknown()];

        var evaluation = Evaluate(ledger, Start + Days(21));

        Assert.Equal(MeetingStatus.Cancelled, MeetingOf(ledger, "m2", Start + Days(21)).Status);
        Assert.Equal(2, evaluation.MeetingsHeld);
        Assert.Equal(T0 + Days(15), evaluation.LastMeetingAt);
    }

    [Fact]
    public void ExplicitCancellation_RecordedAfterTheMeeting_DriftCountsFromTheLastMeetingHeld()
    {
        // Without the cancellation the pair met on day 30 and is healthy on day 51; with it, the last meeting was day 15.
        LedgerChange[] ledger = [.. TwoHeldBefore, Cancelled("m2", Start + Days(20)).TimeUnknown()];

        var evaluation = Evaluate(ledger, Start + Days(21));

        Assert.True(Has.Signal(evaluation, SignalKind.AtRisk));
    }

    [Fact]
    public void Removal_AfterTheMeetingEnded_IsHousekeeping()
    {
        LedgerChange[] ledger = [.. TwoHeldBefore, Removed("m2", Start + Days(20))];

        Assert.Equal(MeetingStatus.Held, MeetingOf(ledger, "m2", Start + Days(21)).Status);
        Assert.Equal(3, Evaluate(ledger, Start + Days(21)).MeetingsHeld);
    }

    [Fact]
    public void Removal_BeforeTheMeeting_Cancels()
    {
        LedgerChange[] ledger = [.. TwoHeldBefore, Removed("m2", Start - Days(3))];

        Assert.Equal(MeetingStatus.Cancelled, MeetingOf(ledger, "m2", Start + Days(1)).Status);
    }

    [Fact]
    public void ExplicitCancellation_RecordedAfterTheMeeting_NotALateChange()
    {
        LedgerChange[] ledger = [.. TwoHeldBefore, Cancelled("m2", Start + Days(2))];

        var evaluation = Evaluate(ledger, Start + Days(3));

        Assert.Equal(MeetingStatus.Cancelled, MeetingOf(ledger, "m2", Start + Days(3)).Status);
        Assert.False(Has.Signal(evaluation, SignalKind.LateChange));
    }

    [Fact]
    public void TimeUnknown_CancellationSeenAnHourBefore_NotALateChange()
    {
        // A snapshot exported an hour before the meeting says it is cancelled: when that was decided, it does not say.
        LedgerChange[] ledger = [.. TwoHeldBefore, Cancelled("m2", Start - Hours(1)).TimeUnknown()];

        var evaluation = Evaluate(ledger, Start);

        Assert.False(Has.Signal(evaluation, SignalKind.LateChange));
        Assert.Equal(92, evaluation.Health.Score); // one setback, weighing 1
    }

    [Fact]
    public void TimeUnknown_PostponementSeenAnHourBefore_NotALateChange()
    {
        LedgerChange[] ledger = [.. TwoHeldBefore, Moved("m2", Start - Hours(1), Start, Start + Days(7)).TimeUnknown()];

        Assert.False(Has.Signal(Evaluate(ledger, Start), SignalKind.LateChange));
    }

    [Fact]
    public void TimeUnknown_CancellationAfterOurReminder_NotExcusedOnAGuess()
    {
        var reminder = new SentMessage("reminder/m2", TemplateIds.PreMeetingReminder, "mentor:mentor-1", Start - Days(1), MeetingId: "m2");
        LedgerChange[] ledger = [.. TwoHeldBefore, Cancelled("m2", Start - Days(1) + Hours(1)).TimeUnknown()];

        var evaluation = Evaluate(ledger, Start - Hours(20), history: [reminder]);

        Assert.False(Has.Signal(evaluation, SignalKind.CancelledAfterReminder));
    }

    [Fact]
    public void AdminLoggedHeld_ACalendarCancelsItLater_StillHeld()
    {
        LedgerChange[] ledger =
        [
            .. TwoHeldBefore,
            Held("m2", Start + Days(1), Start).ByAdmin(),
            Cancelled("m2", Start + Days(3)),
        ];

        var meeting = MeetingOf(ledger, "m2", Start + Days(4));

        Assert.Equal((MeetingStatus.Held, true), (meeting.Status, meeting.HeldConfirmed));
    }

    [Fact]
    public void AdminLoggedHeld_ACalendarMovesIt_StaysWhereTheAdminSaid()
    {
        LedgerChange[] ledger =
        [
            .. TwoHeldBefore,
            Held("m2", Start + Days(1), Start).ByAdmin(),
            Scheduled("m2", Start + Days(2), Start + Days(5)),
        ];

        var meeting = MeetingOf(ledger, "m2", Start + Days(3));

        Assert.Equal((MeetingStatus.Held, Start), (meeting.Status, meeting.Start));
    }

    [Fact]
    public void AdminLoggedCancelled_AProviderLaterSaysItEnded_StillCancelled()
    {
        LedgerChange[] ledger =
        [
            .. TwoHeldBefore,
            Cancelled("m2", Start + Days(1)).ByAdmin().TimeUnknown(),
            Held("m2", Start + Days(2), Start),
        ];

        Assert.Equal(MeetingStatus.Cancelled, MeetingOf(ledger, "m2", Start + Days(3)).Status);
    }

    [Fact]
    public void AdminLoggedCancelled_AMeetingACheckInConfirmed_Cancelled()
    {
        LedgerChange[] ledger =
        [
            .. TwoHeldBefore,
            Held("m2", Start + Hours(2), Start),
            Cancelled("m2", Start + Days(5)).ByAdmin().TimeUnknown(),
        ];

        var meeting = MeetingOf(ledger, "m2", Start + Days(6));

        Assert.Equal((MeetingStatus.Cancelled, false), (meeting.Status, meeting.HeldConfirmed));
    }

    [Fact]
    public void AdminLoggedNoShow_ForAPastMeeting_NoShow()
    {
        LedgerChange[] ledger = [.. TwoHeldBefore, NoShow("m2", Start + Days(10)).ByAdmin().TimeUnknown()];

        var evaluation = Evaluate(ledger, Start + Days(11));

        Assert.Equal(MeetingStatus.NoShow, MeetingOf(ledger, "m2", Start + Days(11)).Status);
        Assert.Equal(2, evaluation.MeetingsHeld);
    }

    [Fact]
    public void CalendarCancellation_AMeetingAProviderConfirmed_StaysHeld()
    {
        LedgerChange[] ledger = [.. TwoHeldBefore, Held("m2", Start + Hours(1), Start), Cancelled("m2", Start + Days(3))];

        Assert.Equal(MeetingStatus.Held, MeetingOf(ledger, "m2", Start + Days(4)).Status);
    }
}
