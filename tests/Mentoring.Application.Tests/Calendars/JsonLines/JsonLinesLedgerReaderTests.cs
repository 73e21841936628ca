using Mentoring.Application.Ingest;
using Mentoring.Application.Ingest.JsonLines;
using Mentoring.Engine.Ledger;

namespace Mentoring.Application.Tests.Calendars.JsonLines;

public sealed class JsonLinesLedgerReaderTests
{
    [Fact]
    public void GoodLines_ReadAsChanges_CaseInsensitiveUnknownFieldsAndBlankLinesTolerated()
    {
        const string text = """
            {"changeId":"c1","meetingId":"m1","kind":"scheduled","changedAt":"2025-03-01T09:00:00Z","start":"2025-03-03T10:00:00+01:00","end":"2025-03-03T11:00:00+01:00"}

            {"CHANGEID":"c2","MeetingId":"m1","Kind":"Rescheduled","changedAt":"2025-03-02T09:00:00Z","start":"2025-03-05T09:00:00Z","previousStart":"2025-03-03T09:00:00Z","changedBy":"Mentee","reason":"release","note":"ignored"}
            {"meetingId":"m1","kind":"no-show","changedAt":"2025-03-05T10:30:00Z","source":"zoom"}
            """;

        var changes = JsonLinesLedgerReader.Read(text);

        Assert.Equal(3, changes.Count);
        Assert.Equal(new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.Zero), changes[0].Start);
        Assert.Equal(TimeSpan.Zero, changes[0].Start!.Value.Offset);
        Assert.Equal("jsonl", changes[0].Source);
        Assert.Equal(ChangeKind.Rescheduled, changes[1].Kind);
        Assert.Equal(Party.Mentee, changes[1].ChangedBy);
        Assert.Equal("release", changes[1].Reason);
        Assert.Equal(ChangeKind.NoShow, changes[2].Kind);
        Assert.Equal("zoom", changes[2].Source);
        Assert.StartsWith("jsonl:m1/noshow/", changes[2].ChangeId, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_ChangedAtUnknownAndRemoval_ReadWhenPresent_FalseWhenAbsent()
    {
        const string text = """
            {"meetingId":"m1","kind":"cancelled","changedAt":"2025-03-20T09:00:00Z","changedAtUnknown":true}
            {"meetingId":"m2","kind":"cancelled","changedAt":"2025-03-20T09:00:00Z","removal":true,"changedAtUnknown":false}
            {"meetingId":"m3","kind":"cancelled","changedAt":"2025-03-20T09:00:00Z"}
            """;

        var changes = JsonLinesLedgerReader.Read(text);

        Assert.Equal([(true, false), (false, true), (false, false)], changes.Select(c => (c.ChangedAtUnknown, c.Removal)));
    }

    [Theory]
    [InlineData("""{"meetingId":"m","kind":"cancelled","changedAt":"2025-03-03T09:00:00Z","removal":"yes"}""", "removal")]
    [InlineData("""{"meetingId":"m","kind":"held","changedAt":"2025-03-32T09:00:00Z"}""", "changedAt")]
    [InlineData("""{"meetingId":"m","kind":"held","changedAt":"2025-03-03T09:00:00"}""", "changedAt")]
    [InlineData("""{"meetingId":"m","kind":"postponed","changedAt":"2025-03-03T09:00:00Z"}""", "kind")]
    [InlineData("""{"kind":"held","changedAt":"2025-03-03T09:00:00Z"}""", "meetingId")]
    [InlineData("""{"meetingId":"m","kind":"scheduled","changedAt":"2025-03-03T09:00:00Z"}""", "start")]
    [InlineData("""{"meetingId":"m","kind":"held","changedAt":"2025-03-03T09:00:00Z","changedBy":"sponsor"}""", "changedBy")]
    [InlineData("""{"meetingId":7,"kind":"held","changedAt":"2025-03-03T09:00:00Z"}""", "meetingId")]
    public void BadLine_NamesLineNumberAndField(string bad, string field)
    {
        var text = """{"meetingId":"m","kind":"held","changedAt":"2025-03-03T09:00:00Z"}""" + "\n\n" + bad + "\n";

        var error = Assert.Throws<HistoryFormatException>(() => JsonLinesLedgerReader.Read(text));

        Assert.Equal(3, error.Line);
        Assert.Equal($"field '{field}'", error.Component);
        Assert.StartsWith($"line 3, field '{field}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotJson_NamesTheLine()
    {
        var error = Assert.Throws<HistoryFormatException>(() => JsonLinesLedgerReader.Read("{\"meetingId\":\n"));

        Assert.Equal(1, error.Line);
    }
}
