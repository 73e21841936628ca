using Mentoring.Application.Ingest;
using Mentoring.Application.Ingest.Ics;
using Mentoring.Engine.Ledger;
using static Mentoring.Application.Tests.Calendars.Ics.IcsSamples;

namespace Mentoring.Application.Tests.Calendars.Ics;

/// <summary>Issue 13, items 2-6 and 11: what the file means, read in the order its parts were written.</summary>
public sealed class IcsHistorySemanticsTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static readonly string[] WEuropeZone =
    [
        "BEGIN:VTIMEZONE", "TZID:W. Europe Standard Time",
        "BEGIN:STANDARD", "DTSTART:16010101T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10", "END:STANDARD",
        "BEGIN:DAYLIGHT", "DTSTART:16010101T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3", "END:DAYLIGHT",
        "END:VTIMEZONE",
    ];

    [Fact]
    public void Item2_ExdateWrittenAfterAnOverride_RemovesTheMovedInstance()
    {
        var text = Calendar(
            "BEGIN:VEVENT", "UID:w", "DTSTART;TZID=Europe/Berlin:20250303T100000", "DTEND;TZID=Europe/Berlin:20250303T110000",
            "RRULE:FREQ=WEEKLY;COUNT=4", "EXDATE;TZID=Europe/Berlin:20250310T100000",
            "CREATED:20250220T090000Z", "LAST-MODIFIED:20250308T090000Z", "DTSTAMP:20250401T000000Z", "SEQUENCE:2", "END:VEVENT",
            "BEGIN:VEVENT", "UID:w", "RECURRENCE-ID;TZID=Europe/Berlin:20250310T100000",
            "DTSTART;TZID=Europe/Berlin:20250311T100000", "DTEND;TZID=Europe/Berlin:20250311T110000",
            "LAST-MODIFIED:20250304T090000Z", "DTSTAMP:20250401T000000Z", "SEQUENCE:1", "END:VEVENT");

        var changes = LedgerOf(text, Utc(2025, 4, 1)).Where(c => c.MeetingId == "w/20250310T090000Z").ToList();

        Assert.Equal([ChangeKind.Scheduled, ChangeKind.Rescheduled, ChangeKind.Cancelled], changes.Select(c => c.Kind));
        Assert.Equal((Utc(2025, 3, 11, 9), Utc(2025, 3, 4, 9)), (changes[1].Start!.Value, changes[1].ChangedAt));
        Assert.Equal((Utc(2025, 3, 11, 9), Utc(2025, 3, 8, 9)), (changes[2].Start!.Value, changes[2].ChangedAt));
    }

    [Fact]
    public void Item2_OverrideWrittenAfterTheExdate_BooksTheInstanceAgain()
    {
        var text = Calendar(
            "BEGIN:VEVENT", "UID:w", "DTSTART:20250303T090000Z", "DURATION:PT1H", "RRULE:FREQ=WEEKLY;COUNT=4", "EXDATE:20250310T090000Z",
            "CREATED:20250220T090000Z", "LAST-MODIFIED:20250301T090000Z", "END:VEVENT",
            "BEGIN:VEVENT", "UID:w", "RECURRENCE-ID:20250310T090000Z", "DTSTART:20250312T090000Z", "DURATION:PT1H",
            "LAST-MODIFIED:20250305T090000Z", "SEQUENCE:3", "END:VEVENT");

        var changes = LedgerOf(text, Utc(2025, 4, 1)).Where(c => c.MeetingId == "w/20250310T090000Z").ToList();

        Assert.Equal([ChangeKind.Scheduled, ChangeKind.Cancelled, ChangeKind.Scheduled], changes.Select(c => c.Kind));
        Assert.Equal(Utc(2025, 3, 12, 9), changes[^1].Start);
    }

    [Fact]
    public void Item2_ExdateAddedByALaterRequest_IsDatedByTheVersionThatFirstCarriesIt()
    {
        var text = Calendar(
            "METHOD:REQUEST",
            "BEGIN:VEVENT", "UID:s", "DTSTAMP:20250101T000000Z", "SEQUENCE:0", "DTSTART:20250106T100000Z", "RRULE:FREQ=WEEKLY;COUNT=4", "END:VEVENT",
            "BEGIN:VEVENT", "UID:s", "DTSTAMP:20250110T000000Z", "SEQUENCE:1", "DTSTART:20250106T100000Z", "RRULE:FREQ=WEEKLY;COUNT=4",
            "EXDATE:20250113T100000Z", "END:VEVENT",
            "BEGIN:VEVENT", "UID:s", "DTSTAMP:20250120T000000Z", "SEQUENCE:2", "DTSTART:20250106T100000Z", "RRULE:FREQ=WEEKLY;COUNT=4",
            "EXDATE:20250113T100000Z", "SUMMARY:renamed", "END:VEVENT");

        var cancel = Assert.Single(LedgerOf(text, Utc(2025, 3, 1)), c => c.Kind == ChangeKind.Cancelled);

        Assert.Equal(("s/20250113T100000Z", Utc(2025, 1, 10)), (cancel.MeetingId, cancel.ChangedAt));
    }

    [Fact]
    public void Item3_AllDaySeries_RecurrenceIdAndExdateAtMidnightInANamedZone_NameTheirDay()
    {
        var text = Calendar([
            .. WEuropeZone,
            "BEGIN:VEVENT", "UID:allday", "DTSTART;VALUE=DATE:20250106", "DTEND;VALUE=DATE:20250107", "RRULE:FREQ=WEEKLY;COUNT=4",
            "EXDATE;TZID=W. Europe Standard Time:20250120T000000", "DTSTAMP:20250101T000000Z", "END:VEVENT",
            "BEGIN:VEVENT", "UID:allday", "RECURRENCE-ID;TZID=W. Europe Standard Time:20250113T000000",
            "DTSTART;VALUE=DATE:20250114", "DTEND;VALUE=DATE:20250115", "DTSTAMP:20250105T000000Z", "SEQUENCE:1", "END:VEVENT"]);

        var ledger = LedgerOf(text, Utc(2025, 3, 1));

        Assert.Equal(
            ["allday/20250106T000000Z", "allday/20250113T000000Z", "allday/20250120T000000Z", "allday/20250127T000000Z"],
            ledger.Select(c => c.MeetingId).Distinct().Order(StringComparer.Ordinal));
        var move = Assert.Single(ledger, c => c.Kind == ChangeKind.Rescheduled);
        Assert.Equal(("allday/20250113T000000Z", Utc(2025, 1, 14)), (move.MeetingId, move.Start!.Value));
        Assert.Equal("allday/20250120T000000Z", Assert.Single(ledger, c => c.Kind == ChangeKind.Cancelled).MeetingId);
    }

    [Fact]
    public void Item3_OverrideNamingNoInstance_BooksNoMeeting()
    {
        var text = Calendar(
            "BEGIN:VEVENT", "UID:s", "DTSTAMP:20250101T000000Z", "DTSTART:20250106T090000Z", "DURATION:PT1H", "RRULE:FREQ=WEEKLY;COUNT=3", "END:VEVENT",
            "BEGIN:VEVENT", "UID:s", "RECURRENCE-ID:20250108T090000Z", "DTSTART:20250108T090000Z", "DURATION:PT1H",
            "DTSTAMP:20250102T000000Z", "SEQUENCE:1", "END:VEVENT");

        var ledger = LedgerOf(text, Utc(2025, 3, 1));

        Assert.Equal(3, ledger.Count);
        Assert.All(ledger, c => Assert.Equal(ChangeKind.Scheduled, c.Kind));
    }

    [Fact]
    public void Item3_ThisAndFutureNamingNoInstance_BooksNoMeetingAndReplansTheLaterOnes()
    {
        var text = Calendar(
            "BEGIN:VEVENT", "UID:s", "DTSTAMP:20250101T000000Z", "DTSTART:20250106T090000Z", "DURATION:PT1H", "RRULE:FREQ=WEEKLY;COUNT=4", "END:VEVENT",
            "BEGIN:VEVENT", "UID:s", "RECURRENCE-ID;RANGE=THISANDFUTURE:20250114T090000Z", "DTSTART:20250115T090000Z", "DURATION:PT1H",
            "DTSTAMP:20250110T000000Z", "SEQUENCE:1", "END:VEVENT");

        var ledger = LedgerOf(text, Utc(2025, 3, 1));

        Assert.Equal(4, ledger.Select(c => c.MeetingId).Distinct().Count());
        Assert.DoesNotContain(ledger, c => c.MeetingId.Contains("20250114", StringComparison.Ordinal));
        var replans = ledger.Where(c => c.ChangedAt == Utc(2025, 1, 10)).Select(c => c.Start!.Value);
        Assert.Equal([Utc(2025, 1, 21, 9), Utc(2025, 1, 28, 9)], replans);
    }

    [Fact]
    public void Item4_ThisAndFutureAcrossDaylightSaving_LaterInstancesKeepTheirWallClockTime()
    {
        var text = Calendar(
            "BEGIN:VEVENT", "UID:dst", "DTSTART;TZID=Europe/Berlin:20250320T100000", "DTEND;TZID=Europe/Berlin:20250320T110000",
            "RRULE:FREQ=WEEKLY;COUNT=4", "CREATED:20250301T000000Z", "END:VEVENT",
            "BEGIN:VEVENT", "UID:dst", "RECURRENCE-ID;TZID=Europe/Berlin;RANGE=THISANDFUTURE:20250327T100000",
            "DTSTART;TZID=Europe/Berlin:20250331T100000", "DTEND;TZID=Europe/Berlin:20250331T110000",
            "LAST-MODIFIED:20250325T000000Z", "SEQUENCE:1", "END:VEVENT");

        var ledger = LedgerOf(text, Utc(2025, 5, 1));

        var replans = ledger.Where(c => c.Kind == ChangeKind.Scheduled && c.ChangedAt == Utc(2025, 3, 25)).ToList();
        Assert.Equal([Utc(2025, 4, 7, 8), Utc(2025, 4, 14, 8)], replans.Select(c => c.Start!.Value));
        Assert.All(replans, c => Assert.Equal(10, TimeZoneInfo.ConvertTime(c.Start!.Value, Berlin).Hour));
        Assert.All(replans, c => Assert.Equal(TimeSpan.FromHours(1), c.End - c.Start));
    }

    [Fact]
    public void Item5_OutlookDisplayNameZone_FixedOffset_IsReadFromTheFilesVtimezone()
    {
        var text = Calendar(
            "BEGIN:VTIMEZONE", "TZID:(UTC+07:00) Bangkok\\, Hanoi\\, Jakarta",
            "BEGIN:STANDARD", "DTSTART:16010101T000000", "TZOFFSETFROM:+0700", "TZOFFSETTO:+0700", "END:STANDARD",
            "BEGIN:DAYLIGHT", "DTSTART:16010101T000000", "TZOFFSETFROM:+0700", "TZOFFSETTO:+0700", "END:DAYLIGHT",
            "END:VTIMEZONE",
            "BEGIN:VEVENT", "UID:bkk", "DTSTART;TZID=\"(UTC+07:00) Bangkok, Hanoi, Jakarta\":20250107T100000",
            "DTEND;TZID=\"(UTC+07:00) Bangkok, Hanoi, Jakarta\":20250107T110000", "DTSTAMP:20250101T000000Z", "END:VEVENT");

        var change = Assert.Single(LedgerOf(text, Utc(2025, 3, 1)));

        Assert.Equal((Utc(2025, 1, 7, 3), Utc(2025, 1, 7, 4)), (change.Start!.Value, change.End!.Value));
    }

    [Fact]
    public void Item5_CustomZoneWithYearlyDaylightRules_FollowsTheFilesRules()
    {
        var text = Calendar(
            "BEGIN:VTIMEZONE", "TZID:(UTC-05:00) Eastern Time (US & Canada)",
            "BEGIN:STANDARD", "DTSTART:16011104T020000", "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11", "TZOFFSETFROM:-0400", "TZOFFSETTO:-0500", "END:STANDARD",
            "BEGIN:DAYLIGHT", "DTSTART:16010311T020000", "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3", "TZOFFSETFROM:-0500", "TZOFFSETTO:-0400", "END:DAYLIGHT",
            "END:VTIMEZONE",
            "BEGIN:VEVENT", "UID:et", "DTSTART;TZID=\"(UTC-05:00) Eastern Time (US & Canada)\":20250303T100000", "DURATION:PT1H",
            "RRULE:FREQ=WEEKLY;COUNT=3", "DTSTAMP:20250101T000000Z", "END:VEVENT");

        var starts = LedgerOf(text, Utc(2025, 4, 1)).Select(c => c.Start!.Value);

        Assert.Equal([Utc(2025, 3, 3, 15), Utc(2025, 3, 10, 14), Utc(2025, 3, 17, 14)], starts);
    }

    [Fact]
    public void Item5_UtcPlusElevenWithItsVtimezone_IsRead()
    {
        var text = Calendar(
            "BEGIN:VTIMEZONE", "TZID:UTC+11",
            "BEGIN:STANDARD", "DTSTART:16010101T000000", "TZOFFSETFROM:+1100", "TZOFFSETTO:+1100", "END:STANDARD",
            "END:VTIMEZONE",
            "BEGIN:VEVENT", "UID:u11", "DTSTART;TZID=UTC+11:20250107T100000", "DTEND;TZID=UTC+11:20250107T110000", "DTSTAMP:20250101T000000Z", "END:VEVENT");

        Assert.Equal(Utc(2025, 1, 6, 23), Assert.Single(LedgerOf(text, Utc(2025, 3, 1))).Start);
    }

    [Fact]
    public void Item5_CustomZoneWithoutADefinition_IsRefusedNamingWhatIsMissing()
    {
        var text = Calendar("BEGIN:VEVENT", "UID:x", "DTSTART;TZID=\"(UTC+07:00) Bangkok, Hanoi, Jakarta\":20250107T100000", "DTSTAMP:20250101T000000Z", "END:VEVENT");

        var error = Assert.Throws<HistoryFormatException>(() => IcsHistory.Parse(text));

        Assert.Contains("VTIMEZONE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Item6_CancelWithoutDtstart_CancelsTheSeriesByUid()
    {
        var text = string.Join("\r\n",
            "BEGIN:VCALENDAR", "METHOD:REQUEST",
            "BEGIN:VEVENT", "UID:s", "DTSTAMP:20250101T000000Z", "SEQUENCE:0", "DTSTART:20250106T100000Z", "DURATION:PT1H", "RRULE:FREQ=WEEKLY;COUNT=4", "END:VEVENT",
            "END:VCALENDAR",
            "BEGIN:VCALENDAR", "METHOD:CANCEL",
            "BEGIN:VEVENT", "UID:s", "DTSTAMP:20250115T000000Z", "SEQUENCE:1", "STATUS:CANCELLED", "END:VEVENT",
            "END:VCALENDAR", string.Empty);

        var cancelled = LedgerOf(text, Utc(2025, 3, 1)).Where(c => c.Kind == ChangeKind.Cancelled).Select(c => c.Start).ToList();

        Assert.Equal([Utc(2025, 1, 20, 10), Utc(2025, 1, 27, 10)], cancelled);
    }

    [Fact]
    public void Item6_CancelWithoutDtstart_CancelsASingleMeetingAndLeavesOthersAlone()
    {
        var text = string.Join("\r\n",
            "BEGIN:VCALENDAR", "METHOD:REQUEST",
            "BEGIN:VEVENT", "UID:one", "DTSTAMP:20250101T000000Z", "SEQUENCE:0", "DTSTART:20250120T100000Z", "DURATION:PT1H", "END:VEVENT",
            "BEGIN:VEVENT", "UID:two", "DTSTAMP:20250101T000000Z", "SEQUENCE:0", "DTSTART:20250127T100000Z", "DURATION:PT1H", "END:VEVENT",
            "END:VCALENDAR",
            "BEGIN:VCALENDAR", "METHOD:CANCEL",
            "BEGIN:VEVENT", "UID:one", "DTSTAMP:20250115T000000Z", "SEQUENCE:1", "END:VEVENT",
            "BEGIN:VEVENT", "UID:never-booked-here", "DTSTAMP:20250115T000000Z", "SEQUENCE:1", "END:VEVENT",
            "END:VCALENDAR", string.Empty);

        var ledger = LedgerOf(text, Utc(2025, 3, 1));

        Assert.Equal([ChangeKind.Scheduled, ChangeKind.Cancelled], ledger.Where(c => c.MeetingId == "one").Select(c => c.Kind));
        Assert.Equal(Utc(2025, 1, 15), ledger.Single(c => c.Kind == ChangeKind.Cancelled).ChangedAt);
        Assert.Equal([ChangeKind.Scheduled], ledger.Where(c => c.MeetingId == "two").Select(c => c.Kind));
        Assert.Equal(3, ledger.Count);
    }

    [Fact]
    public void Item11_VeventInsideVevent_IsRefusedWithItsLine()
    {
        var text = Calendar(
            "BEGIN:VEVENT", "UID:outer", "DTSTART:20250110T100000Z", "DTSTAMP:20250101T000000Z",
            "BEGIN:VEVENT", "UID:inner", "DTSTART:20250111T100000Z", "DTSTAMP:20250101T000000Z", "END:VEVENT",
            "END:VEVENT");

        var error = Assert.Throws<HistoryFormatException>(() => IcsHistory.Parse(text));

        Assert.Equal((8, "BEGIN:VEVENT"), (error.Line, error.Component));
        Assert.Contains("line 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Item11_VersionWhoseEndEqualsItsStart_IsZeroLength()
    {
        var text = Calendar(
            "BEGIN:VEVENT", "UID:z", "DTSTAMP:20250101T000000Z", "SEQUENCE:0", "DTSTART:20250120T100000Z", "DTEND:20250120T110000Z", "END:VEVENT",
            "BEGIN:VEVENT", "UID:z", "DTSTAMP:20250105T000000Z", "SEQUENCE:1", "DTSTART:20250121T100000Z", "DTEND:20250121T100000Z", "END:VEVENT");

        var move = LedgerOf(text, Utc(2025, 3, 1))[^1];

        Assert.Equal(ChangeKind.Rescheduled, move.Kind);
        Assert.Equal(move.Start, move.End);
    }

    [Fact]
    public void Item11_BookedAt_IsTheEarliestCredibleOfCreatedLastModifiedAndDtstamp()
    {
        var text = Calendar(
            "BEGIN:VEVENT", "UID:exported", "LAST-MODIFIED:20250105T000000Z", "DTSTAMP:20250301T000000Z", "DTSTART:20250120T100000Z", "END:VEVENT",
            "BEGIN:VEVENT", "UID:imported", "CREATED:19000101T120000Z", "LAST-MODIFIED:20250106T000000Z", "DTSTAMP:20250301T000000Z",
            "DTSTART:20250121T100000Z", "END:VEVENT");

        var ledger = LedgerOf(text, Utc(2025, 3, 1));

        Assert.Equal(Utc(2025, 1, 5), Assert.Single(ledger, c => c.MeetingId == "exported").ChangedAt);
        Assert.Equal(Utc(2025, 1, 6), Assert.Single(ledger, c => c.MeetingId == "imported").ChangedAt);
    }
}
