using Mentoring.Engine.Booking;
using Mentoring.Engine.Meetings;
using Mentoring.Engine.Policy;

namespace Mentoring.Engine.Tests.Booking;

public sealed class BookingSlotsTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly TimeZoneInfo LosAngeles = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
    private static readonly EngagementPolicy Policy = EngagementPolicy.Default;

    /// <summary>Tuesday 10 March 2026, 09:00 UTC (10:00 in Berlin, 09:00 in London).</summary>
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Propose_BerlinAndLondon_OnlyHoursBothWork_TwoADayAtMost_WeekdaysOnly()
    {
        var proposals = BookingSlots.Propose(Berlin, London, [], Now.AddDays(2), Now, Policy);

        Assert.Equal(BookingSlots.MaxProposals, proposals.Count);
        Assert.All(proposals, p =>
        {
            var berlin = TimeZoneInfo.ConvertTime(p, Berlin);
            var london = TimeZoneInfo.ConvertTime(p, London);
            Assert.InRange(berlin.Hour, 9, 15); // a one-hour meeting ends by 17:00 in Berlin
            Assert.InRange(london.Hour, 9, 15);
            Assert.NotEqual(DayOfWeek.Saturday, berlin.DayOfWeek);
            Assert.NotEqual(DayOfWeek.Sunday, berlin.DayOfWeek);
            Assert.Equal(0, p.Minute % 30);
        });
        Assert.All(proposals.GroupBy(p => p.UtcDateTime.Date), day => Assert.True(day.Count() <= 2));
        Assert.Equal(proposals.Order(), proposals);
    }

    [Fact]
    public void Propose_StartsAFewDaysBeforeTheDueDate_NotSoonerThanTheNotice()
    {
        var due = Now.AddDays(14);

        var later = BookingSlots.Propose(Berlin, London, [], due, Now, Policy);
        var overdue = BookingSlots.Propose(Berlin, London, [], Now.AddDays(-20), Now, Policy);

        Assert.True(later[0] >= due.AddDays(-BookingSlots.DaysBeforeDue));
        Assert.True(later[0] < due.AddDays(1));
        Assert.True(overdue[0] >= Now + BookingSlots.MinimumNotice);
        Assert.True(overdue[0] < Now.AddDays(1)); // overdue: the first working slot after the notice
    }

    [Fact]
    public void Propose_ClearOfMeetingsInTheLedger_CancelledOnesFreeTheirSlot()
    {
        var free = BookingSlots.Propose(Berlin, London, [], Now.AddDays(2), Now, Policy);
        var taken = Meeting("m1", free[0], MeetingStatus.Scheduled);
        var cancelled = Meeting("m2", free[1], MeetingStatus.Cancelled);

        var proposals = BookingSlots.Propose(Berlin, London, [taken, cancelled], Now.AddDays(2), Now, Policy);

        Assert.DoesNotContain(proposals, p => p < taken.End && taken.Start < p + Policy.DefaultMeetingLength);
        Assert.Contains(free[1], proposals);
    }

    [Fact]
    public void Propose_LosAngelesAndTokyo_NoCommonWorkingHours_None()
    {
        // 09–17 in Los Angeles is 01–09 next day in Tokyo (UTC-7 / UTC+9 in March): a one-hour meeting never fits both.
        Assert.Empty(BookingSlots.Propose(LosAngeles, Tokyo, [], Now, Now, Policy with { Sending = new SendingPolicy { WorkdayStart = new(9, 0), WorkdayEnd = new(17, 0) } }));
    }

    [Fact]
    public void Propose_SameFactsSameProposals()
    {
        Assert.Equal(
            BookingSlots.Propose(Berlin, London, [], Now.AddDays(5), Now, Policy),
            BookingSlots.Propose(Berlin, London, [], Now.AddDays(5), Now, Policy));
    }

    [Fact]
    public void DueDate_ACadenceAfterTheLastHeldMeeting_ElseAfterThePairStarted()
    {
        var held = Meeting("h", Now.AddDays(-3), MeetingStatus.Held);
        var scheduled = Meeting("s", Now.AddDays(3), MeetingStatus.Scheduled);

        Assert.Equal(held.Start, BookingSlots.LastHeldStart([held, scheduled]));
        Assert.Equal(Now.AddDays(-3 + Policy.CadenceDays), BookingSlots.DueDate(held.Start, Now.AddDays(-30), Policy));
        Assert.Equal(Now.AddDays(-30 + Policy.CadenceDays), BookingSlots.DueDate(null, Now.AddDays(-30), Policy));
    }

    [Fact]
    public void Uid_NamesThePairByHash_IsKnownAsThePairsBooking_AndNoOtherPairs()
    {
        var uid = BookingIds.Uid("acme", "ana-ben", Now, "0123456789abcdef0123");

        Assert.EndsWith("@" + BookingIds.Domain, uid, StringComparison.Ordinal);
        Assert.DoesNotContain("ana-ben", uid, StringComparison.Ordinal);
        Assert.Contains("20260310T0900Z", uid, StringComparison.Ordinal);
        Assert.True(BookingIds.IsBookingOf(uid, "acme", "ana-ben"));
        Assert.False(BookingIds.IsBookingOf(uid, "acme", "carla-dev"));
        Assert.False(BookingIds.IsBookingOf(uid, "other", "ana-ben"));
        Assert.Equal("[mentoring:ana-ben]", BookingIds.Marker("ana-ben"));
    }

    [Fact]
    public void UpcomingAndSequence_TheBookedMeetingAhead_AndOneMoreForEachBookingChange()
    {
        var uid = BookingIds.Uid("acme", "ana-ben", Now.AddDays(2), "n1");
        var ledger = new List<LedgerChange>
        {
            new("b0", uid, ChangeKind.Scheduled, Now, Now.AddDays(2), Now.AddDays(2).AddHours(1), Source: ChangeSources.Booking),
            new("b1", uid, ChangeKind.Rescheduled, Now.AddMinutes(5), Now.AddDays(3), Now.AddDays(3).AddHours(1), Now.AddDays(2), Source: ChangeSources.Booking),
            new("ics", uid, ChangeKind.Scheduled, Now.AddMinutes(6), Now.AddDays(3), Now.AddDays(3).AddHours(1), Source: "ics"),
            new("other", "graph:x", ChangeKind.Scheduled, Now, Now.AddDays(1), Now.AddDays(1).AddHours(1), Source: "graph"),
        };
        var meetings = PairEngine.MeetingsAt(ledger, Now.AddMinutes(10), Policy);

        var upcoming = BookingIds.Upcoming(meetings, "acme", "ana-ben", Now.AddMinutes(10));

        Assert.Equal(2, meetings.Count); // the calendar's report of the same UID is the same meeting
        Assert.Equal(uid, upcoming?.Id);
        Assert.Equal(Now.AddDays(3), upcoming?.Start);
        Assert.Equal(2, BookingIds.NextSequence(ledger, uid));
        Assert.Null(BookingIds.Upcoming(meetings, "acme", "ana-ben", Now.AddDays(4)));
    }

    private static Meeting Meeting(string id, DateTimeOffset start, MeetingStatus status) =>
        new(id, start, start, start + Policy.DefaultMeetingLength, status, false, 0, 0, null, null, null);
}
