using Mentoring.Engine.Ledger;
using static Mentoring.Application.Tests.Calendars.Ics.IcsSamples;

namespace Mentoring.Application.Tests.Calendars.Ics;

public sealed class IcsHistorySeriesTests
{
    private const string Weekly = "weekly-moves-cancels.ics";
    private const string Uid = "mentoring-weekly-1";
    private static readonly DateTimeOffset Horizon = Utc(2025, 4, 10, 9);

    [Fact]
    public void Series_ExpandsToHorizon_OneScheduledPerOccurrenceAtCreated()
    {
        var scheduled = Ledger(Weekly, Horizon).Where(c => c.Kind == ChangeKind.Scheduled).ToList();

        Assert.Equal(
            [
                $"{Uid}/20250303T090000Z", $"{Uid}/20250310T090000Z", $"{Uid}/20250317T090000Z",
                $"{Uid}/20250324T090000Z", $"{Uid}/20250331T080000Z", $"{Uid}/20250407T080000Z",
            ],
            scheduled.Select(c => c.MeetingId));
        Assert.All(scheduled, c => Assert.Equal(Utc(2025, 2, 20, 9), c.ChangedAt));
        Assert.All(scheduled, c => Assert.Equal(TimeSpan.FromHours(1), c.End - c.Start));
    }

    [Fact]
    public void Series_AcrossDaylightSavingChange_KeepsLocalWallTime()
    {
        var starts = Ledger(Weekly, Horizon).Where(c => c.Kind == ChangeKind.Scheduled).Select(c => c.Start!.Value).ToList();
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        Assert.All(starts, s => Assert.Equal(10, TimeZoneInfo.ConvertTime(s, berlin).Hour));
    }

    [Fact]
    public void Override_MovedLater_IsRescheduledFromRecurrenceIdAtLastModified()
    {
        var move = Assert.Single(Ledger(Weekly, Horizon), c => c.MeetingId == $"{Uid}/20250310T090000Z" && c.Kind == ChangeKind.Rescheduled);

        Assert.Equal(Utc(2025, 3, 10, 9), move.PreviousStart);
        Assert.Equal(Utc(2025, 3, 12, 9), move.Start);
        Assert.Equal(Utc(2025, 3, 5, 12), move.ChangedAt);
        Assert.Equal("ics", move.Source);
    }

    [Fact]
    public void Override_MovedEarlier_IsRescheduledToEarlierStart()
    {
        var move = Assert.Single(Ledger(Weekly, Horizon), c => c.MeetingId == $"{Uid}/20250317T090000Z" && c.Kind == ChangeKind.Rescheduled);

        Assert.Equal(Utc(2025, 3, 17, 9), move.PreviousStart);
        Assert.Equal(Utc(2025, 3, 14, 9), move.Start);
    }

    [Fact]
    public void Override_StatusCancelled_IsCancelledAtLastModified()
    {
        var cancel = Assert.Single(Ledger(Weekly, Horizon), c => c.MeetingId == $"{Uid}/20250324T090000Z" && c.Kind == ChangeKind.Cancelled);

        Assert.Equal(Utc(2025, 3, 20, 12), cancel.ChangedAt);
        Assert.Equal(Utc(2025, 3, 24, 9), cancel.Start);
    }

    [Fact]
    public void Exdate_UtcAgainstTzidStart_CancelsThatOccurrenceAtMasterLastModified()
    {
        var cancels = Ledger(Weekly, Horizon).Where(c => c.Kind == ChangeKind.Cancelled).ToList();

        var exdate = Assert.Single(cancels, c => c.MeetingId == $"{Uid}/20250331T080000Z");
        Assert.Equal(Utc(2025, 3, 27, 9), exdate.ChangedAt);
        Assert.Equal(2, cancels.Count);
    }

    [Fact]
    public void Organizer_MatchesEmailsCaseInsensitively_MapsToParty()
    {
        var ledger = Ledger(Weekly, Horizon, mentor: "mailto:ANA@example.com", mentee: "ben@example.com");

        Assert.Equal(Party.Mentee, ledger.Single(c => c.Kind == ChangeKind.Rescheduled && c.Start == Utc(2025, 3, 12, 9)).ChangedBy);
        Assert.Equal(Party.Mentor, ledger.Single(c => c.Kind == ChangeKind.Rescheduled && c.Start == Utc(2025, 3, 14, 9)).ChangedBy);
        Assert.Equal(Party.Mentee, ledger.Single(c => c.MeetingId.EndsWith("20250324T090000Z", StringComparison.Ordinal) && c.Kind == ChangeKind.Cancelled).ChangedBy);
    }

    [Fact]
    public void Organizer_WithoutEmails_ChangedByIsNull()
    {
        Assert.All(Ledger(Weekly, Horizon), c => Assert.Null(c.ChangedBy));
    }

    [Fact]
    public void ChangeIds_ReadTwice_AreIdenticalAndUnique()
    {
        var first = Ledger(Weekly, Horizon).Select(c => c.ChangeId).ToList();
        var second = Ledger(Weekly, Horizon).Select(c => c.ChangeId).ToList();

        Assert.Equal(first, second);
        Assert.Equal(first.Count, first.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains($"ics:{Uid}/20250310T090000Z/01-rescheduled/s1", first);
    }

    [Fact]
    public void Horizon_Earlier_StopsExpansion()
    {
        var ledger = Ledger(Weekly, Utc(2025, 3, 18));

        Assert.Equal(3, ledger.Count(c => c.Kind == ChangeKind.Scheduled));
    }

    [Fact]
    public void ThisAndFuture_MovesThatInstanceAndReplansAllLaterBySameOffset()
    {
        var ledger = Ledger("this-and-future.ics", Utc(2025, 3, 1));
        var movedAt = Utc(2025, 1, 15, 8);

        var move = Assert.Single(ledger, c => c.Kind == ChangeKind.Rescheduled);
        Assert.Equal((Utc(2025, 1, 21, 9), TimeSpan.FromDays(1), movedAt), (move.Start!.Value, move.Start - move.PreviousStart, move.ChangedAt));
        var replans = ledger.Where(c => c.Kind == ChangeKind.Scheduled && c.ChangedAt == movedAt).ToList();
        Assert.Equal([Utc(2025, 1, 28, 9), Utc(2025, 2, 4, 9), Utc(2025, 2, 11, 9)], replans.Select(c => c.Start!.Value));
    }

    [Fact]
    public void Until_InUtc_BoundsTheSeries()
    {
        var booked = Ledger("this-and-future.ics", Utc(2025, 6, 1)).Where(c => c.Kind == ChangeKind.Scheduled).Select(c => c.MeetingId).Distinct().Count();

        Assert.Equal(6, booked); // Jan 6 .. Feb 10
    }
}
