using Mentoring.Engine.Ledger;
using static Mentoring.Application.Tests.Calendars.Ics.IcsSamples;

namespace Mentoring.Application.Tests.Calendars.Ics;

public sealed class IcsHistoryItipTests
{
    private const string Outlook = "outlook-windows-cancel.ics";
    private const string Uid = "040000008200E00074C5B7101A82E00800000000";

    [Fact]
    public void WindowsZone_WEuropeStandardTime_ConvertsThroughTimeZoneInfo()
    {
        var first = Ledger(Outlook, Utc(2025, 1, 20)).First(c => c.Kind == ChangeKind.Scheduled);

        Assert.Equal($"{Uid}/20250107T140000Z", first.MeetingId);
        Assert.Equal(Utc(2025, 1, 7, 14), first.Start);
    }

    [Fact]
    public void CancelWithoutSequence_ArrivingBeforeTheRequest_StillWinsAfterTheMove()
    {
        var changes = Ledger(Outlook, Utc(2025, 1, 20), mentor: "mentor@example.com", mentee: "mentee@example.com")
            .Where(c => c.MeetingId == $"{Uid}/20250114T140000Z")
            .ToList();

        Assert.Equal([ChangeKind.Scheduled, ChangeKind.Rescheduled, ChangeKind.Cancelled], changes.Select(c => c.Kind));
        Assert.Equal(Utc(2025, 1, 16, 14), changes[1].Start);
        Assert.Equal(Utc(2025, 1, 15, 10, 15), changes[2].ChangedAt);
        Assert.Equal(Party.Mentee, changes[2].ChangedBy);
    }

    [Fact]
    public void ItipMessages_DatedByTheirDtstamp_ChangeTimesKnown_ExportsStillUnknown()
    {
        var messages = Ledger(Outlook, Utc(2025, 1, 20)).Where(c => c.MeetingId == $"{Uid}/20250114T140000Z").ToList();

        Assert.Equal([ChangeKind.Scheduled, ChangeKind.Rescheduled, ChangeKind.Cancelled], messages.Select(c => c.Kind));
        Assert.All(messages, c => Assert.False(c.ChangedAtUnknown, c.ChangeId));

        var export = Calendar(
            "BEGIN:VEVENT", "UID:two", "DTSTAMP:20250301T000000Z", "CREATED:20250101T000000Z", "LAST-MODIFIED:20250112T000000Z",
            "STATUS:CANCELLED", "DTSTART:20250110T100000Z", "END:VEVENT");
        var cancelled = Assert.Single(Mentoring.Application.Ingest.Ics.IcsHistory.Parse(export)
            .ToLedger(new(Utc(2025, 3, 1))), c => c.Kind == ChangeKind.Cancelled);
        Assert.True(cancelled.ChangedAtUnknown);
    }

    [Fact]
    public void HigherSequence_WinsWhateverTheFileOrder()
    {
        var text = Calendar(
            "BEGIN:VEVENT", "UID:one", "DTSTAMP:20250103T000000Z", "SEQUENCE:2", "DTSTART:20250120T100000Z", "END:VEVENT",
            "BEGIN:VEVENT", "UID:one", "DTSTAMP:20250101T000000Z", "SEQUENCE:0", "DTSTART:20250110T100000Z", "END:VEVENT",
            "BEGIN:VEVENT", "UID:one", "DTSTAMP:20250102T000000Z", "SEQUENCE:1", "DTSTART:20250115T100000Z", "END:VEVENT");

        var changes = LedgerOf(text, Utc(2025, 3, 1));

        Assert.Equal([ChangeKind.Scheduled, ChangeKind.Rescheduled, ChangeKind.Rescheduled], changes.Select(c => c.Kind));
        Assert.Equal(Utc(2025, 1, 20, 10), changes[^1].Start);
        Assert.All(changes, c => Assert.Equal("one", c.MeetingId));
    }

    [Fact]
    public void MethodCancel_WholeSeries_CancelsOccurrencesNotYetEnded()
    {
        var text = string.Join("\r\n",
            "BEGIN:VCALENDAR", "METHOD:REQUEST",
            "BEGIN:VEVENT", "UID:s", "DTSTAMP:20250101T000000Z", "SEQUENCE:0", "DTSTART:20250106T100000Z", "RRULE:FREQ=WEEKLY;COUNT=4", "END:VEVENT",
            "END:VCALENDAR",
            "BEGIN:VCALENDAR", "METHOD:CANCEL",
            "BEGIN:VEVENT", "UID:s", "DTSTAMP:20250115T000000Z", "SEQUENCE:1", "DTSTART:20250106T100000Z", "RRULE:FREQ=WEEKLY;COUNT=4", "END:VEVENT",
            "END:VCALENDAR", string.Empty);

        var cancelled = LedgerOf(text, Utc(2025, 3, 1)).Where(c => c.Kind == ChangeKind.Cancelled).Select(c => c.Start).ToList();

        Assert.Equal([Utc(2025, 1, 20, 10), Utc(2025, 1, 27, 10)], cancelled);
    }

    [Fact]
    public void SingleEvent_StatusCancelled_IsScheduledThenCancelled()
    {
        var text = Calendar(
            "BEGIN:VEVENT", "UID:single", "CREATED:20250101T000000Z", "LAST-MODIFIED:20250105T000000Z", "DTSTAMP:20250105T000000Z",
            "DTSTART:20250110T100000Z", "DURATION:PT45M", "STATUS:CANCELLED", "END:VEVENT");

        var changes = LedgerOf(text, Utc(2025, 3, 1));

        Assert.Equal([ChangeKind.Scheduled, ChangeKind.Cancelled], changes.Select(c => c.Kind));
        Assert.Equal(Utc(2025, 1, 1), changes[0].ChangedAt);
        Assert.Equal(Utc(2025, 1, 5), changes[1].ChangedAt);
        Assert.Equal(Utc(2025, 1, 10, 10, 45), changes[0].End);
    }

    [Fact]
    public void FloatingTimes_AreReadInTheDefaultZone()
    {
        var text = Calendar("BEGIN:VEVENT", "UID:f", "DTSTAMP:20250101T000000Z", "DTSTART:20250710T100000", "END:VEVENT");
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

        var change = Assert.Single(LedgerOf(text, Utc(2025, 12, 1), newYork));

        Assert.Equal(Utc(2025, 7, 10, 14), change.Start);
    }

    [Fact]
    public void ExdateSeveralLinesAndValues_CancelEachOccurrence()
    {
        var text = Calendar(
            "BEGIN:VEVENT", "UID:x", "DTSTAMP:20250101T000000Z", "LAST-MODIFIED:20250102T000000Z",
            "DTSTART;TZID=America/New_York:20250106T090000", "RRULE:FREQ=DAILY;COUNT=6",
            "EXDATE:20250107T140000Z,20250108T140000Z", "EXDATE;TZID=America/New_York:20250110T090000", "END:VEVENT");

        var cancelled = LedgerOf(text, Utc(2025, 3, 1)).Where(c => c.Kind == ChangeKind.Cancelled).Select(c => c.MeetingId).ToList();

        Assert.Equal(["x/20250107T140000Z", "x/20250108T140000Z", "x/20250110T140000Z"], cancelled);
    }

    [Fact]
    public void MissingDtstamp_IsNotFilledWithTheCurrentTime()
    {
        var text = Calendar("BEGIN:VEVENT", "UID:n", "CREATED:20250101T000000Z", "DTSTART:20250110T100000Z", "END:VEVENT");

        var change = Assert.Single(LedgerOf(text, Utc(2025, 3, 1)));

        Assert.Equal(Utc(2025, 1, 1), change.ChangedAt);
    }
}
