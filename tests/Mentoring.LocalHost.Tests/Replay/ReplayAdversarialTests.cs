using static Mentoring.LocalHost.Tests.Replay.ReplayRun;

namespace Mentoring.LocalHost.Tests.Replay;

/// <summary>Adversarial history files: <c>replay</c> ends with a report, or exit code 2 and one clear line.</summary>
public sealed class ReplayAdversarialTests
{
    private static string Calendar(params string[] lines) =>
        string.Join("\r\n", ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//tests//EN", .. lines, "END:VCALENDAR", string.Empty]);

    private static string Event(params string[] lines) =>
        Calendar(["BEGIN:VEVENT", "UID:adversarial", "DTSTART:20250106T100000Z", "DURATION:PT1H", .. lines, "END:VEVENT"]);

    [Theory]
    [InlineData("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30")]
    [InlineData("FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30")]
    public async Task Replay_RuleThatNeverMatches_ExitsTwoSayingSo(string rule)
    {
        var run = await Of("replay", "--history", TempFile(".ics", Event("RRULE:" + rule, "DTSTAMP:20250101T000000Z")));

        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Stderr.TrimEnd().Split('\n'));
        Assert.Contains("matches no date", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_DailySeriesStartedYearsAgo_ReportsTheWindowReadInsteadOfFailing()
    {
        var run = await Of("replay", "--history", TempFile(".ics", Event("RRULE:FREQ=DAILY", "DTSTAMP:20250101T000000Z").Replace("20250106", "20050106", StringComparison.Ordinal)));

        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        Assert.Equal(5_000, json.GetProperty("summary").GetProperty("meetings").GetInt32());
        Assert.Contains("outside the window", Assert.Single(json.GetProperty("outside").EnumerateArray()).GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("LAST-MODIFIED:99991231T235959Z", null, "LAST-MODIFIED")]
    [InlineData("DTSTAMP:20250101T000000Z", "9999-12-31T00:00:00Z", "--as-of")]
    public async Task Replay_DatesAtTheEndOfTheCalendar_ExitTwoWithOneLine(string line, string? asOf, string named)
    {
        string[] args = ["replay", "--history", TempFile(".ics", Event(line, "DTSTAMP:20250101T000000Z"))];
        var run = await Of(asOf is null ? args : [.. args, "--as-of", asOf]);

        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Stderr.TrimEnd().Split('\n'));
        Assert.Contains(named, run.Stderr, StringComparison.Ordinal);
        Assert.Contains("outside the years", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_EventsWithoutTimestamps_NamesWhatIsMissing()
    {
        var run = await Of("replay", "--history", TempFile(".ics", Event()));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("DTSTAMP, LAST-MODIFIED or CREATED", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("holds no meetings", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_BinaryFile_ExitsTwoWithoutEchoingIt()
    {
        var bytes = new byte[8192];
        new Random(5).NextBytes(bytes);
        var path = TempFile(".ics", string.Empty);
        await File.WriteAllBytesAsync(path, bytes);

        var run = await Of("replay", "--history", path);

        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Stderr.TrimEnd().Split('\n'));
        Assert.True(run.Stderr.Length < 300, run.Stderr);
        Assert.DoesNotContain(run.Stderr.TrimEnd(), char.IsControl);
    }

    [Fact]
    public async Task Replay_CarriageReturnOnlyFile_IsReplayed()
    {
        var run = await Of("replay", "--history", TempFile(".ics", Event("DTSTAMP:20250101T000000Z").Replace("\r\n", "\r", StringComparison.Ordinal)));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(1, run.Json().GetProperty("summary").GetProperty("meetings").GetInt32());
    }

    [Fact]
    public async Task Replay_DeeplyNestedJsonLine_ExitsTwoWithOneLine()
    {
        var run = await Of("replay", "--history", TempFile(".jsonl", "{\"meetingId\":" + new string('[', 50_000) + new string(']', 50_000) + "}"));

        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Stderr.TrimEnd().Split('\n'));
        Assert.Contains("line 1", run.Stderr, StringComparison.Ordinal);
    }
}
