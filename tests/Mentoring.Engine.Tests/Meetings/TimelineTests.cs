using Mentoring.Engine.Meetings;
using Mentoring.Engine.Policy;
using static Mentoring.Engine.Tests.Support.A;

namespace Mentoring.Engine.Tests.Meetings;

public sealed class TimelineTests
{
    private static readonly DateTimeOffset Start = T0 + Days(10);

    private static Meeting Only(IReadOnlyList<LedgerChange> ledger, DateTimeOffset now) =>
        Assert.Single(PairEngine.MeetingsAt(ledger, now, EngagementPolicy.Default));

    [Fact]
    public void Meeting_MovedLaterThenEarlier_TwoMovesOnePostponement()
    {
        LedgerChange[] ledger =
        [
            Scheduled("m1", T0, Start),
            Moved("m1", T0 + Days(1), Start, Start + Days(2)),
            Moved("m1", T0 + Days(2), Start + Days(2), Start - Days(1)),
        ];

        var meeting = Only(ledger, T0 + Days(3));

        Assert.Equal((2, 1), (meeting.TimesMoved, meeting.Postponements));
        Assert.Equal(Start, meeting.OriginalStart);
        Assert.Equal(Start - Days(1), meeting.Start);
    }

    [Fact]
    public void Meeting_EndPassedWithNothingCancellingIt_PresumedHeld()
    {
        var meeting = Only([Scheduled("m1", T0, Start)], Start + Hours(1));

        Assert.Equal(MeetingStatus.Held, meeting.Status);
        Assert.False(meeting.HeldConfirmed);
    }

    [Fact]
    public void Meeting_BeforeItsEnd_StillScheduled()
    {
        Assert.Equal(MeetingStatus.Scheduled, Only([Scheduled("m1", T0, Start)], Start + Hours(1) - Minute).Status);
    }

    [Fact]
    public void Meeting_CheckInSaysWeMet_ConfirmedHeld()
    {
        var meeting = Only([Scheduled("m1", T0, Start), Held("m1", Start + Hours(2), Start)], Start + Hours(3));

        Assert.True(meeting.HeldConfirmed);
    }

    [Fact]
    public void Meeting_DeletedFromTheCalendarAfterItEnded_StaysHeld()
    {
        var meeting = Only([Scheduled("m1", T0, Start), Cancelled("m1", Start + Days(3))], Start + Days(4));

        Assert.Equal(MeetingStatus.Held, meeting.Status);
    }

    [Fact]
    public void Meeting_Cancelled_KeepsWhoAndWhy()
    {
        var meeting = Only([Scheduled("m1", T0, Start), Cancelled("m1", T0 + Days(1), Party.Mentor, "deadline")], T0 + Days(2));

        Assert.Equal((MeetingStatus.Cancelled, Party.Mentor, "deadline"), (meeting.Status, meeting.CancelledBy, meeting.CancellationReason));
    }

    [Fact]
    public void Meeting_NoShow_NotHeld()
    {
        Assert.Equal(MeetingStatus.NoShow, Only([Scheduled("m1", T0, Start), NoShow("m1", Start + Hours(1))], Start + Days(1)).Status);
    }

    [Fact]
    public void NoShow_RetractedByTheProvider_PresumedHeldAgain_NoSetbackLeft()
    {
        LedgerChange[] ledger = [Scheduled("m1", T0, Start), NoShow("m1", Start + Hours(1), "calcom"), NoShowRetracted("m1", Start + Hours(2), "calcom")];

        Assert.Equal(MeetingStatus.Held, Only(ledger, Start + Days(1)).Status);
        Assert.Equal(Evaluate(ledger[..1], Start + Days(1)).Health.Signals, Evaluate(ledger, Start + Days(1)).Health.Signals);
        Assert.Equal(Evaluate(ledger[..1], Start + Days(1)).Health.Score, Evaluate(ledger, Start + Days(1)).Health.Score);
    }

    [Fact]
    public void NoShow_ConfirmedHeldThenNoShowThenRetracted_ConfirmedHeldAgain()
    {
        var meeting = Only([Scheduled("m1", T0, Start), Held("m1", Start + Hours(1), Start), NoShow("m1", Start + Hours(2), "calcom"), NoShowRetracted("m1", Start + Hours(3), "calcom")], Start + Days(1));

        Assert.Equal((MeetingStatus.Held, true), (meeting.Status, meeting.HeldConfirmed));
    }

    [Theory]
    [InlineData("admin", "calcom", MeetingStatus.NoShow)]
    [InlineData("checkin", "calcom", MeetingStatus.NoShow)]
    [InlineData("admin", "admin", MeetingStatus.Held)]
    [InlineData("calcom", "checkin", MeetingStatus.Held)]
    public void NoShow_APersonsNoShow_StandsAgainstAProviderRetraction(string recordedBy, string retractedBy, MeetingStatus expected)
    {
        LedgerChange[] ledger = [Scheduled("m1", T0, Start), NoShow("m1", Start + Hours(1), recordedBy), NoShowRetracted("m1", Start + Hours(2), retractedBy)];

        Assert.Equal(expected, Only(ledger, Start + Days(1)).Status);
    }

    [Fact]
    public void NoShow_ProviderThenAdmin_TheAdminsWordStands()
    {
        LedgerChange[] ledger = [Scheduled("m1", T0, Start), NoShow("m1", Start + Hours(1), "calcom"), NoShow("m1", Start + Hours(2), "admin"), NoShowRetracted("m1", Start + Hours(3), "calcom")];

        Assert.Equal(MeetingStatus.NoShow, Only(ledger, Start + Days(1)).Status);
    }

    [Fact]
    public void NoShowRetracted_WithoutANoShow_ChangesNothing()
    {
        LedgerChange[] ledger = [Scheduled("m1", T0, Start), NoShowRetracted("m1", Start + Hours(2), "calcom")];

        Assert.Equal(Only(ledger[..1], Start + Days(1)), Only(ledger, Start + Days(1)));
        Assert.Empty(PairEngine.MeetingsAt([NoShowRetracted("m2", Start, "calcom")], Start + Days(1), EngagementPolicy.Default));
    }

    [Fact]
    public void Ledger_ChangesAfterNow_NotSeenYet()
    {
        var meeting = Only([Scheduled("m1", T0, Start), Moved("m1", T0 + Days(5), Start, Start + Days(1))], T0 + Days(4));

        Assert.Equal(0, meeting.TimesMoved);
    }

    [Fact]
    public void Ledger_DuplicateDeliveriesInAnyOrder_CountOnce()
    {
        LedgerChange[] ledger = [Scheduled("m1", T0, Start), Moved("m1", T0 + Days(1), Start, Start + Days(2))];
        LedgerChange[] messy = [ledger[1], ledger[0], ledger[1], ledger[0]];

        Assert.Equal(Only(ledger, T0 + Days(3)), Only(messy, T0 + Days(3)));
        Assert.Equal(2, PairEngine.DistinctChanges(messy, T0 + Days(3), EngagementPolicy.Default).Count);
    }

    [Fact]
    public void Ledger_ARescheduleOfAMeetingWeNeverSawBooked_StillAMove()
    {
        var meeting = Only([Moved("m1", T0 + Days(1), Start, Start + Days(2))], T0 + Days(2));

        Assert.Equal((Start, 1), (meeting.OriginalStart, meeting.Postponements));
    }

    [Fact]
    public void Meeting_BookedAgainAtANewTime_ARePlanNotAPostponement()
    {
        var meeting = Only([Scheduled("m1", T0, Start), Scheduled("m1", T0 + Days(1), Start + Days(1))], T0 + Days(2));

        Assert.Equal((Start + Days(1), 0, 0), (meeting.Start, meeting.TimesMoved, meeting.Postponements));
    }

    [Fact]
    public void Meeting_CancelledThenBookedAgain_Scheduled()
    {
        var meeting = Only([Scheduled("m1", T0, Start), Cancelled("m1", T0 + Days(1)), Scheduled("m1", T0 + Days(2), Start + Days(3))], T0 + Days(3));

        Assert.Equal((MeetingStatus.Scheduled, Start + Days(3)), (meeting.Status, meeting.Start));
    }
}
