using Mentoring.Application.Ingest;
using Mentoring.Application.Ingest.JsonLines;

namespace Mentoring.Application.Tests.Calendars.JsonLines;

/// <summary>Adversarial JSON-lines ledgers: each ends in a result or one clear error naming the line.</summary>
public sealed class JsonLinesLimitsTests
{
    private const string Line = """{"meetingId":"m1","kind":"scheduled","changedAt":"2025-03-01T09:00:00Z","start":"2025-03-03T09:00:00Z"}""";

    [Fact]
    public void DeeplyNestedLine_IsRefusedWithItsLine()
    {
        var deep = """{"meetingId":"m1","note":""" + new string('[', 100_000) + new string(']', 100_000) + "}";

        var error = Assert.Throws<HistoryFormatException>(() => JsonLinesLedgerReader.Read(Line + "\n" + deep));

        Assert.Equal(2, error.Line);
        Assert.True(error.Message.Length < 300, error.Message);
    }

    [Fact]
    public void LineLongerThanTheLimit_IsRefused()
    {
        var budget = new HistoryBudget(HistoryLimits.File with { MaxLineChars = 200 });
        var longLine = Line.Replace("}", ",\"note\":\"" + new string('x', 300) + "\"}", StringComparison.Ordinal);

        var error = Assert.Throws<HistoryFormatException>(() => JsonLinesLedgerReader.Read(Line + "\n" + longLine, budget));

        Assert.Equal(2, error.Line);
        Assert.Contains("longer than 200", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MoreLinesThanTheLimit_AreRefused()
    {
        var budget = new HistoryBudget(HistoryLimits.File with { MaxItems = 2 });

        var error = Assert.Throws<HistoryFormatException>(() => JsonLinesLedgerReader.Read(string.Join('\n', Enumerable.Repeat(Line, 3)), budget));

        Assert.Equal(3, error.Line);
    }

    [Theory]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("0500-01-01T00:00:00Z")]
    public void InstantAtTheEndsOfTheCalendar_IsRefusedNamingTheField(string instant)
    {
        var error = Assert.Throws<HistoryFormatException>(() => JsonLinesLedgerReader.Read(Line.Replace("2025-03-03T09:00:00Z", instant, StringComparison.Ordinal)));

        Assert.Equal("field 'start'", error.Component);
        Assert.Contains("outside the years", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CarriageReturnOnlyAndCrLfLineBreaks_CountLinesAlike()
    {
        var bad = Line.Replace("scheduled", "postponed", StringComparison.Ordinal);

        Assert.Equal(3, Assert.Throws<HistoryFormatException>(() => JsonLinesLedgerReader.Read(Line + "\r" + Line + "\r" + bad)).Line);
        Assert.Equal(3, Assert.Throws<HistoryFormatException>(() => JsonLinesLedgerReader.Read(Line + "\r\n" + Line + "\r\n" + bad)).Line);
    }

    [Fact]
    public void BinaryInput_IsRefusedWithoutEchoingIt()
    {
        var error = Assert.Throws<HistoryFormatException>(() => JsonLinesLedgerReader.Read("\u0000\u001b[31m\u0007binary"));

        Assert.Equal(1, error.Line);
        Assert.DoesNotContain(error.Message, char.IsControl);
    }

    [Fact]
    public void CancelledToken_StopsTheRead()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var text = string.Join('\n', Enumerable.Repeat(Line, 1000));

        Assert.Throws<OperationCanceledException>(() => JsonLinesLedgerReader.Read(text, new HistoryBudget(HistoryLimits.File, ct: cancelled.Token)));
    }
}
