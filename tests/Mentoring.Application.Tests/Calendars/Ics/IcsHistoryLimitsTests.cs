using System.Text;
using Mentoring.Application.Ingest;
using Mentoring.Application.Ingest.Ics;
using static Mentoring.Application.Tests.Calendars.Ics.IcsSamples;

namespace Mentoring.Application.Tests.Calendars.Ics;

/// <summary>Adversarial calendars: each ends in a result or one clear error naming where, within the limits.</summary>
public sealed class IcsHistoryLimitsTests
{
    private static readonly DateTimeOffset Horizon = Utc(2025, 3, 1);

    private static string Series(string rule, string start = "DTSTART:20250101T100000Z") =>
        Calendar("BEGIN:VEVENT", "UID:series", start, "DURATION:PT1H", "RRULE:" + rule, "DTSTAMP:20241201T000000Z", "END:VEVENT");

    [Theory]
    [InlineData("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30")]
    [InlineData("FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30")]
    [InlineData("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30")]
    public void RuleThatNeverMatches_NoOccurrences_ReportedNotThrown(string rule)
    {
        var read = IcsHistory.Parse(Series(rule)).Read(new IcsLedgerOptions(Horizon));

        Assert.Empty(read.Changes);
        var note = Assert.Single(read.Notes);
        Assert.Contains("no date", note, StringComparison.Ordinal);
        Assert.Contains("UID=series", note, StringComparison.Ordinal);
    }

    [Fact]
    public void DailySeriesStartedYearsAgo_ReadsTheLatestOccurrencesAndReportsTheRest()
    {
        var read = IcsHistory.Parse(Series("FREQ=DAILY", "DTSTART:20000101T100000Z")).Read(new IcsLedgerOptions(Horizon));

        var starts = read.Changes.Select(c => c.Start!.Value).ToList();
        Assert.Equal(HistoryLimits.File.MaxOccurrences, starts.Count);
        Assert.Equal(Utc(2025, 2, 28, 10), starts.Max());
        Assert.Equal(Utc(2025, 2, 28, 10).AddDays(1 - HistoryLimits.File.MaxOccurrences), starts.Min());
        Assert.Contains("outside the window", Assert.Single(read.Notes), StringComparison.Ordinal);
    }

    [Fact]
    public void SecondlySeriesStartedYearsAgo_ReadsItsLastOccurrencesWithinTheBudget()
    {
        var read = IcsHistory.Parse(Series("FREQ=SECONDLY", "DTSTART:20100101T100000Z")).Read(new IcsLedgerOptions(Horizon));

        Assert.Equal(HistoryLimits.File.MaxOccurrences, read.Changes.Count);
        Assert.Equal(Horizon, read.Changes.Max(c => c.Start));
        Assert.Single(read.Notes);
    }

    [Fact]
    public void MonthlySeriesOnThe31st_MovedForward_KeepsItsDay()
    {
        var read = IcsHistory.Parse(Series("FREQ=MONTHLY", "DTSTART:19000131T100000Z")).Read(new IcsLedgerOptions(Horizon, From: Utc(2024, 6, 1)));

        var starts = read.Changes.Select(c => c.Start!.Value).Order().ToList();
        Assert.All(starts, s => Assert.Equal(31, s.Day));
        Assert.Equal(Utc(2024, 7, 31, 10), starts[0]);
        Assert.Equal(Utc(2025, 1, 31, 10), starts[^1]);
    }

    [Fact]
    public void OverrideBeforeTheWindow_IsLeftOutWithTheSeries()
    {
        var text = Calendar(
            "BEGIN:VEVENT", "UID:w", "DTSTART:20200106T100000Z", "DURATION:PT1H", "RRULE:FREQ=WEEKLY", "DTSTAMP:20200101T000000Z", "END:VEVENT",
            "BEGIN:VEVENT", "UID:w", "RECURRENCE-ID:20200113T100000Z", "DTSTART:20200114T100000Z", "DURATION:PT1H", "DTSTAMP:20200110T000000Z", "END:VEVENT");

        var read = IcsHistory.Parse(text).Read(new IcsLedgerOptions(Horizon, From: Utc(2024, 1, 1)));

        Assert.DoesNotContain(read.Changes, c => c.Start < Utc(2023, 12, 31));
        Assert.Single(read.Notes);
    }

    [Theory]
    [InlineData("LAST-MODIFIED:99991231T235959Z", "LAST-MODIFIED")]
    [InlineData("CREATED:00010101T000000Z", "CREATED")]
    public void DateAtTheEndsOfTheCalendar_IsRefusedNamingItsLine(string line, string property)
    {
        var text = Calendar("BEGIN:VEVENT", "UID:far", "DTSTART:20250101T100000Z", line, "DTSTAMP:20241201T000000Z", "END:VEVENT");

        var error = Assert.Throws<HistoryFormatException>(() => IcsHistory.Parse(text));

        Assert.Equal(7, error.Line);
        Assert.Contains(property, error.Component, StringComparison.Ordinal);
        Assert.Contains("outside the years", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BinaryInput_IsRefusedWithoutEchoingIt()
    {
        var bytes = new byte[4096];
        new Random(13).NextBytes(bytes);
        var text = "BEGIN:VCALENDAR\r\n" + Encoding.Latin1.GetString(bytes);

        var error = Assert.Throws<HistoryFormatException>(() => IcsHistory.Parse(text));

        Assert.Contains("binary", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 200, error.Message);
        Assert.DoesNotContain(error.Message, char.IsControl);
    }

    [Fact]
    public void CarriageReturnOnlyLineBreaks_AreLineBreaks()
    {
        var text = Calendar("BEGIN:VEVENT", "UID:cr", "DTSTART:20250101T100000Z", "DTSTAMP:20241201T000000Z", "END:VEVENT").Replace("\r\n", "\r", StringComparison.Ordinal);

        var ledger = IcsHistory.Parse(text).ToLedger(new IcsLedgerOptions(Horizon));

        Assert.Equal(Utc(2025, 1, 1, 10), Assert.Single(ledger).Start);
    }

    [Fact]
    public void ErrorQuotingALine_ShowsNoControlCharacters()
    {
        var error = Assert.Throws<HistoryFormatException>(() => IcsHistory.Parse("BEGIN:VCALENDAR\r\nno colon here\u001b[2J\r\n"));

        Assert.DoesNotContain(error.Message, char.IsControl);
    }

    [Fact]
    public void FoldedPropertyOfTwoMegabytes_IsReadWhole()
    {
        var description = new StringBuilder("DESCRIPTION:");
        for (var i = 0; i < 2 * 1024 * 1024 / 74; i++)
            description.Append(new string('x', 73)).Append("\r\n ");
        description.Append("end");
        var text = Calendar("BEGIN:VEVENT", "UID:long", "DTSTART:20250101T100000Z", description.ToString(), "DTSTAMP:20241201T000000Z", "END:VEVENT");

        var ledger = IcsHistory.Parse(text).ToLedger(new IcsLedgerOptions(Horizon));

        Assert.Single(ledger);
    }

    [Fact]
    public void LineLongerThanTheLimit_IsRefusedWithItsLine()
    {
        var limits = HistoryLimits.File with { MaxLineChars = 1000 };
        var text = Calendar("BEGIN:VEVENT", "UID:x", "SUMMARY:" + new string('y', 600) + "\r\n " + new string('z', 600), "END:VEVENT");

        var error = Assert.Throws<HistoryFormatException>(() => IcsHistory.Parse(text, budget: new HistoryBudget(limits)));

        Assert.Equal(6, error.Line);
        Assert.Contains("longer than 1,000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ComponentsNestedTooDeep_AreRefused()
    {
        var text = "BEGIN:VCALENDAR\r\n" + string.Concat(Enumerable.Repeat("BEGIN:X-DEEP\r\n", 100_000));

        var error = Assert.Throws<HistoryFormatException>(() => IcsHistory.Parse(text));

        Assert.Contains("nested more than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MoreComponentsThanTheLimit_AreRefused()
    {
        var limits = HistoryLimits.Feed with { MaxItems = 3 };
        var events = Enumerable.Range(0, 4).SelectMany(i => new[] { "BEGIN:VEVENT", $"UID:{i}", "DTSTART:20250101T100000Z", "DTSTAMP:20241201T000000Z", "END:VEVENT" });

        var error = Assert.Throws<HistoryFormatException>(() => IcsHistory.Parse(Calendar([.. events]), budget: new HistoryBudget(limits)));

        Assert.Contains("more than 3 components", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LargerThanTheLimit_IsRefusedBeforeReading()
    {
        var limits = HistoryLimits.Feed with { MaxChars = 100 };

        var error = Assert.Throws<HistoryFormatException>(() => IcsHistory.Parse(Series("FREQ=DAILY"), budget: new HistoryBudget(limits)));

        Assert.Contains("at most 100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SpentBudget_StopsTheReadWithOneClearError()
    {
        var limits = HistoryLimits.File with { TimeBudget = TimeSpan.Zero };

        var error = Assert.Throws<HistoryFormatException>(() => IcsHistory.Parse(Series("FREQ=DAILY"), budget: new HistoryBudget(limits)).Read(new IcsLedgerOptions(Horizon)));

        Assert.Contains("budget", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CancelledToken_StopsTheRead()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => IcsHistory.Parse(Series("FREQ=DAILY"), budget: new HistoryBudget(HistoryLimits.File, ct: cancelled.Token)));
    }
}
