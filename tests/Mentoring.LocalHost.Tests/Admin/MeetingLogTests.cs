using System.Text.Json;
using Mentoring.Application.Ingest;
using Mentoring.Engine.Ledger;
using Mentoring.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Mentoring.Tests.Admin;

/// <summary>The admin meeting log (<c>POST …/pairs/{id}/meetings</c>), read back as an admin reads it.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class MeetingLogTests(AzuriteFixture azurite)
{
    // Inside the seeded program's cycle (2026-01-01 to 2026-06-30), weeks before today.
    private const string March10 = "2026-03-10T10:00:00Z";
    private const string March24 = "2026-03-24T10:00:00Z";
    private const string April7 = "2026-04-07T10:00:00Z";

    [Fact]
    public async Task LoggedPastMeetings_CancelledAndNoShow_ReadBackAsSuch_AndAreNotCountedHeld()
    {
        await using var api = await AdminApi.StartAsync(azurite);
        await api.SeedProgramAsync("log-outcomes");

        await LogAsync(api, "log-outcomes", "p1", March10, "held");
        await LogAsync(api, "log-outcomes", "p1", March24, "cancelled", "travel");
        await LogAsync(api, "log-outcomes", "p1", April7, "noShow");

        var meetings = await MeetingsAsync(api, "log-outcomes", "p1");
        Assert.Equal(["held", "cancelled", "noShow"], meetings.Select(m => m.Status));
        var health = await api.SendAsync(HttpMethod.Get, "programs/log-outcomes/health");
        Assert.Equal(1, health.GetProperty("current").GetProperty("meetingsHeld").GetInt32());
    }

    [Fact]
    public async Task LoggedMeetings_TwoPairsAtTheSameTime_BothRecorded()
    {
        await using var api = await AdminApi.StartAsync(azurite);
        await api.SeedProgramAsync("log-two-pairs");

        var first = await LogAsync(api, "log-two-pairs", "p1", March10, "held");
        var second = await LogAsync(api, "log-two-pairs", "p2", March10, "held");

        Assert.Equal(["Appended", "Appended"], new[] { first, second }.Select(r => r.GetProperty("outcome").GetString()));
        Assert.Equal(["held"], (await MeetingsAsync(api, "log-two-pairs", "p2")).Select(m => m.Status));
        var health = await api.SendAsync(HttpMethod.Get, "programs/log-two-pairs/health");
        Assert.Equal(2, health.GetProperty("current").GetProperty("meetingsHeld").GetInt32());
    }

    /// <summary>Found by a walkthrough: a cycle that starts next week read "from" its start "to" today, a week earlier.</summary>
    [Fact]
    public async Task Health_OfACycleThatHasNotBegun_IsAnEmptyWindowAtItsStart()
    {
        await using var api = await AdminApi.StartAsync(azurite);
        await api.SeedProgramAsync("log-ahead");
        var start = TimeProvider.System.GetUtcNow().AddDays(7);
        await api.SendAsync(HttpMethod.Post, "programs/log-ahead/cycles", AdminApi.Json(new { id = "c2", start, end = start.AddDays(90), current = true }));

        var current = (await api.SendAsync(HttpMethod.Get, "programs/log-ahead/health")).GetProperty("current");

        Assert.Equal("c2", current.GetProperty("cycleId").GetString());
        Assert.Equal(current.GetProperty("from").GetDateTimeOffset(), current.GetProperty("to").GetDateTimeOffset());
        Assert.Equal(0, current.GetProperty("meetingsExpected").GetDouble());
    }

    [Fact]
    public async Task LoggedMeeting_SentTwice_RecordedOnce()
    {
        await using var api = await AdminApi.StartAsync(azurite);
        await api.SeedProgramAsync("log-twice");

        await LogAsync(api, "log-twice", "p1", March24, "cancelled");
        var again = await LogAsync(api, "log-twice", "p1", March24, "cancelled");

        Assert.Equal("Duplicate", again.GetProperty("outcome").GetString());
        Assert.Single(await MeetingsAsync(api, "log-twice", "p1"));
    }

    [Fact]
    public async Task LoggedHeld_ACalendarLaterSaysCancelled_TheAdminsRecordWins()
    {
        await using var api = await AdminApi.StartAsync(azurite);
        await api.SeedProgramAsync("log-wins");
        var logged = await LogAsync(api, "log-wins", "p1", March10, "held");
        var meetingId = logged.GetProperty("meetingId").GetString()!;

        // A feed polled today reports the meeting cancelled (STATUS:CANCELLED, time unknown): the calendar path.
        var now = api.App.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var cancelled = new LedgerChange("ics:late-cancel", meetingId, ChangeKind.Cancelled, now, Source: "ics", ChangedAtUnknown: true);
        await api.App.Services.GetRequiredService<CalendarChangeHandler>().HandleAsync(
            new CalendarChanges("ics/late-cancel", "log-wins", "p1", [cancelled]), CancellationToken.None);

        Assert.Equal(["held"], (await MeetingsAsync(api, "log-wins", "p1")).Select(m => m.Status));
    }

    private static Task<JsonElement> LogAsync(AdminApi api, string program, string pair, string start, string outcome, string? reason = null) =>
        api.SendAsync(HttpMethod.Post, $"programs/{program}/pairs/{pair}/meetings", AdminApi.Json(new { start, outcome, reason }));

    private static async Task<List<(string Id, string Status)>> MeetingsAsync(AdminApi api, string program, string pair)
    {
        var timeline = await api.SendAsync(HttpMethod.Get, $"programs/{program}/pairs/{pair}/timeline");
        return [.. timeline.GetProperty("meetings").EnumerateArray()
            .Select(m => (m.GetProperty("meetingId").GetString()!, m.GetProperty("status").GetString()!))];
    }
}
