using System.Text.Json;
using static Mentoring.LocalHost.Tests.Replay.ReplayRun;

namespace Mentoring.LocalHost.Tests.Replay;

public sealed class ReplayCommandTests
{
    private static readonly string Weekly = Sample("weekly-moves-cancels.ics");

    [Fact]
    public async Task Replay_WeeklySeriesWithMovesAndCancellations_ReportsTwoMovesOnePostponementTwoCancellations()
    {
        var run = await Of("replay", "--history", Weekly, "--mentor", "ana@example.com", "--mentee", "ben@example.com");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Stderr);
        var json = run.Json();
        var meetings = json.GetProperty("meetings").EnumerateArray().ToList();
        Assert.Equal(2, meetings.Sum(m => m.GetProperty("timesMoved").GetInt32()));
        Assert.Equal(1, meetings.Sum(m => m.GetProperty("postponements").GetInt32()));
        Assert.Equal(2, meetings.Count(m => m.GetProperty("status").GetString() == "cancelled"));
        var summary = json.GetProperty("summary");
        Assert.Equal(2, summary.GetProperty("moves").GetInt32());
        Assert.Equal(1, summary.GetProperty("postponements").GetInt32());
        Assert.Equal(2, summary.GetProperty("cancelled").GetInt32());

        var later = meetings.Single(m => m.GetProperty("id").GetString() == "mentoring-weekly-1/20250310T090000Z");
        Assert.Equal("2025-03-12T09:00:00+00:00", later.GetProperty("finalStart").GetString());
        var exdate = meetings.Single(m => m.GetProperty("id").GetString() == "mentoring-weekly-1/20250331T080000Z");
        Assert.Equal("mentor", exdate.GetProperty("cancelledBy").GetString());
    }

    [Fact]
    public async Task Replay_WeeklySeries_ReportsTheResultingSignalsAndRiskAsOfTheLastChange()
    {
        var json = (await Of("replay", "--history", Weekly)).Json();

        Assert.Equal("2025-03-27T09:00:00+00:00", json.GetProperty("asOf").GetString());
        var signal = Assert.Single(json.GetProperty("signals").EnumerateArray());
        Assert.Equal("repeatedPostponement", signal.GetProperty("kind").GetString());
        Assert.Equal("2025-03-27T09:00:00+00:00", signal.GetProperty("since").GetString());
        Assert.Equal(2, signal.GetProperty("count").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(signal.GetProperty("description").GetString()));
        var risk = json.GetProperty("risk");
        Assert.Equal("watch", risk.GetProperty("level").GetString());
        Assert.InRange(risk.GetProperty("score").GetInt32(), 0, 99);
        Assert.NotEmpty(risk.GetProperty("reasons").EnumerateArray());
        Assert.Empty(json.GetProperty("messages").EnumerateArray()); // the next meeting is booked inside the cadence: the ladder waits
    }

    [Fact]
    public async Task Replay_AsOfLater_LadderMessagesHaveTimesAndRecipientsOutsideQuietHours()
    {
        var json = (await Of("replay", "--history", Weekly, "--as-of", "2025-06-15T00:00:00Z", "--mentor", "ana@example.com", "--mentee", "ben@example.com")).Json();

        var messages = json.GetProperty("messages").EnumerateArray().ToList();
        Assert.Contains(messages, m => m.GetProperty("recipient").GetString() == "mentee:ben@example.com");
        Assert.Contains(messages, m => m.GetProperty("recipient").GetString() == "mentor:ana@example.com");
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        foreach (var message in messages)
        {
            var notBefore = TimeZoneInfo.ConvertTime(message.GetProperty("notBefore").GetDateTimeOffset(), berlin);
            Assert.True(message.GetProperty("dueAt").GetDateTimeOffset() <= message.GetProperty("notBefore").GetDateTimeOffset());
            Assert.InRange(notBefore.Hour, 9, 16);
            Assert.InRange((int)notBefore.DayOfWeek, 1, 5);
        }
    }

    [Fact]
    public async Task Replay_JsonLinesLedger_IsReplayed()
    {
        var path = TempFile(".jsonl", """
            {"changeId":"c1","meetingId":"m1","kind":"scheduled","changedAt":"2025-03-01T09:00:00Z","start":"2025-03-03T09:00:00Z"}
            {"changeId":"c2","meetingId":"m1","kind":"rescheduled","changedAt":"2025-03-02T09:00:00Z","start":"2025-03-10T09:00:00Z","changedBy":"mentee"}
            """);

        var run = await Of("replay", "--history", path, "--cadence-days", "7");

        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        Assert.Equal(7, json.GetProperty("cadenceDays").GetInt32());
        Assert.Equal(1, json.GetProperty("summary").GetProperty("postponements").GetInt32());
        Assert.Equal(JsonValueKind.Array, json.GetProperty("pending").ValueKind);
    }

    [Theory]
    [InlineData(new[] { "replay", "--history", "x.ics", "--cadence-days", "zero" }, "--cadence-days")]
    [InlineData(new[] { "replay", "--history", "x.ics", "--as-of", "yesterday" }, "--as-of")]
    [InlineData(new[] { "replay", "--history", "x.ics", "--colour", "blue" }, "--colour")]
    [InlineData(new[] { "replay", "--cadence-days", "7" }, "--history")]
    [InlineData(new[] { "replay", "--history" }, "--history")]
    [InlineData(new[] { "replay", "--history", "notes.txt" }, "--history")]
    [InlineData(new[] { "replay", "--history", "/nonexistent/history.ics" }, "--history")]
    public async Task Replay_BadFlag_ExitsTwoWithOneLineNamingIt(string[] args, string flag)
    {
        var run = await Of(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Contains(flag, run.Stderr, StringComparison.Ordinal);
        Assert.Single(run.Stderr.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Replay_MalformedIcs_ExitsTwoNamingLineAndComponentWithoutStackTrace()
    {
        var run = await Of("replay", "--history", Sample("malformed.ics"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("line 11", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("END:VEVENT", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.Single(run.Stderr.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Replay_MalformedJsonLines_ExitsTwoNamingLineAndField()
    {
        var path = TempFile(".ndjson", """
            {"meetingId":"m1","kind":"scheduled","changedAt":"2025-03-01T09:00:00Z","start":"2025-03-03T09:00:00Z"}
            {"meetingId":"m1","kind":"cancelled","changedAt":"soon"}
            """);

        var run = await Of("replay", "--history", path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("line 2, field 'changedAt'", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_Help_PrintsUsageAndExitsZero()
    {
        var run = await Of("replay", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--history FILE", run.Stdout, StringComparison.Ordinal);
    }
}
