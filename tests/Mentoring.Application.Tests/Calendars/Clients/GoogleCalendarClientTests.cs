using Mentoring.Application.Ingest.Google;
using Mentoring.Engine.Ledger;
using Mentoring.Tests.Calendars.Support;

namespace Mentoring.Tests.Calendars.Clients;

/// <summary>Our Google Calendar client against a loopback server answering as events.list documents.</summary>
public sealed class GoogleCalendarClientTests
{
    private static GoogleCalendarClient Client(LoopbackServer server, HttpClient http)
    {
        http.BaseAddress = server.BaseUri;
        return new GoogleCalendarClient(http, _ => ValueTask.FromResult("test-access-token"));
    }

    private static Task Pages(Microsoft.AspNetCore.Http.HttpContext context) =>
        LoopbackServer.Json(context, Sample.Text(context.Request.Query.ContainsKey("pageToken") ? "google/events-page2.json" : "google/events-page1.json"));

    [Fact]
    public async Task Sync_WithToken_FollowsPagesToNextSyncToken()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => Pages(context));
        using var http = new HttpClient();

        var sync = await Client(server, http).SyncAsync("primary", "CPDAlvWDx70CEPDAlvWDx70CGAQ=", CancellationToken.None);

        Assert.Equal(3, sync.Events.Count);
        Assert.Equal("CPDAlvWDx70CEPDAlvWDx70CGAU=", sync.NextSyncToken);
        Assert.False(sync.FullResync);
        Assert.All(server.Requests, r => Assert.Contains("syncToken=CPDAlvWDx70CEPDAlvWDx70CGAQ%3D", r, StringComparison.Ordinal));
        Assert.Contains("pageToken=CigKGjVxZ2NhcjE0bGU1N2Rr", server.Requests.Last(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_410Gone_FullResyncWithoutToken()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) =>
            context.Request.Query.ContainsKey("syncToken") ? LoopbackServer.Json(context, Sample.Text("google/gone.json"), 410) : Pages(context));
        using var http = new HttpClient();

        var sync = await Client(server, http).SyncAsync("primary", "expired-token", CancellationToken.None);

        Assert.True(sync.FullResync);
        Assert.Equal(3, sync.Events.Count);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Sync_429WithRetryAfter_Retried()
    {
        await using var server = await LoopbackServer.StartAsync((context, n) =>
        {
            if (n == 1)
            {
                context.Response.Headers.RetryAfter = "1";
                return LoopbackServer.Json(context, """{"error":{"code":429,"message":"Rate Limit Exceeded"}}""", 429);
            }

            return Pages(context);
        });
        using var http = new HttpClient();

        var sync = await Client(server, http).SyncAsync("primary", null, CancellationToken.None);

        Assert.Equal(3, sync.Events.Count);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Normalise_SyncedEvents_ScheduledMovedAndCancelledInstance()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => Pages(context));
        using var http = new HttpClient();
        var sync = await Client(server, http).SyncAsync("primary", null, CancellationToken.None);

        var changes = sync.Events.SelectMany(e => GoogleEventNormaliser.Normalise(e, Sample.Now).Observations).ToArray();

        Assert.Equal([ChangeKind.Scheduled, ChangeKind.Rescheduled, ChangeKind.Cancelled], changes.Select(c => c.Kind));
        Assert.Equal("google:7m3ksd1nq0c4b8r2u5t6v9w0xy@20250325T130000Z", changes[1].MeetingId);
        Assert.Equal(DateTimeOffset.Parse("2025-03-25T13:00:00Z", null), changes[1].PreviousStart);
        Assert.Equal("google:7m3ksd1nq0c4b8r2u5t6v9w0xy@20250408T130000Z", changes[2].MeetingId);
        Assert.Equal(DateTimeOffset.Parse("2025-03-18T13:00:00Z", null), changes[0].Start);
        Assert.Equal("Mentoring [mentoring:pair-42]", changes[0].Subject);
    }
}
