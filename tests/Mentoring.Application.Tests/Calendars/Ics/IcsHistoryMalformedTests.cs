using Mentoring.Application.Ingest;
using Mentoring.Application.Ingest.Ics;
using static Mentoring.Application.Tests.Calendars.Ics.IcsSamples;

namespace Mentoring.Application.Tests.Calendars.Ics;

public sealed class IcsHistoryMalformedTests
{
    [Fact]
    public void MalformedSample_UnclosedComponent_NamesLineAndComponent()
    {
        var error = Assert.Throws<HistoryFormatException>(() => IcsHistory.Parse(Text("malformed.ics")));

        Assert.Equal(11, error.Line);
        Assert.Equal("END:VEVENT", error.Component);
        Assert.Contains("BEGIN:VALARM is on line 8", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DTSTART:garbage", 6, "DTSTART")]
    [InlineData("SEQUENCE:two", 6, "SEQUENCE")]
    [InlineData("RRULE:FREQ=SOMETIMES", 6, "RRULE")]
    [InlineData("DTSTART;TZID=Mars/Olympus:20250101T100000", 6, "DTSTART")]
    [InlineData("RECURRENCE-ID:junk", 6, "RECURRENCE-ID")]
    public void BadProperty_NamesItsLineAndProperty(string line, int expectedLine, string property)
    {
        var text = Calendar("BEGIN:VEVENT", "UID:bad", line, "DTSTAMP:20250101T000000Z", "END:VEVENT");
        if (!line.StartsWith("DTSTART", StringComparison.Ordinal))
            text = text.Replace("UID:bad", "UID:bad\r\nDTSTART:20250110T100000Z", StringComparison.Ordinal);
        if (!line.StartsWith("DTSTART", StringComparison.Ordinal))
            expectedLine++;

        var error = Assert.Throws<HistoryFormatException>(() => IcsHistory.Parse(text));

        Assert.Equal(expectedLine, error.Line);
        Assert.Contains(property, error.Component, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingUid_IsRefused()
    {
        var error = Assert.Throws<HistoryFormatException>(() => IcsHistory.Parse(Calendar("BEGIN:VEVENT", "DTSTART:20250110T100000Z", "END:VEVENT")));

        Assert.Equal(4, error.Line);
        Assert.Contains("UID", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotACalendar_IsRefusedWithTheLine()
    {
        var error = Assert.Throws<HistoryFormatException>(() => IcsHistory.Parse("hello world\n"));

        Assert.Equal(1, error.Line);
    }
}
