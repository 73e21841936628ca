using Mentoring.Application.Ingest.Connections;
using Mentoring.Application.Ingest.Ics;
using Mentoring.Application.Tests.Calendars.Ics;
using Mentoring.Engine.Ledger;
using Mentoring.Testing;
using Mentoring.Tests.Calendars.Support;
using Microsoft.AspNetCore.Http;

namespace Mentoring.Tests.Calendars.Connections;

/// <summary>
/// The ICS poll timer against Azurite and a loopback feed that answers with ETag / Last-Modified and 304s (loopback
/// feeds allowed explicitly: by default they are refused).
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class IcsFeedPollerTests(AzuriteFixture azurite)
{
    private const string ModifiedV1 = "Mon, 24 Mar 2025 10:00:00 GMT";

    private static readonly string V1 = IcsSamples.Text("weekly-moves-cancels.ics");

    private static readonly string V2 = V1.Replace("END:VCALENDAR", string.Join("\r\n",
        "BEGIN:VEVENT", "UID:mentoring-extra-1", "SUMMARY:Mentoring: extra session", "DTSTART:20250402T100000Z", "DTEND:20250402T110000Z",
        "CREATED:20250325T090000Z", "LAST-MODIFIED:20250325T090000Z", "DTSTAMP:20250325T090000Z", "END:VEVENT", "END:VCALENDAR"), StringComparison.Ordinal);

    [Fact]
    public async Task Poll_FirstThenNotModifiedThenChanged_OnlyNewChangesAppended()
    {
        var feed = new Feed(V1, "\"v1\"", ModifiedV1);
        await using var server = await LoopbackServer.StartAsync((context, _) => feed.ServeAsync(context));
        await using var harness = await ConnectionsHarness.StartAsync(azurite, settings: ConnectionsHarness.LoopbackTargets);
        var connection = Ics("ics-pair", new Uri(server.BaseUri, "pair.ics"));
        await harness.Connections.SaveAsync(connection, default);
        var poller = harness.Get<IcsFeedPoller>();

        await poller.RunAsync(default);

        var first = (await harness.LedgerAsync()).Select(c => c.ChangeId).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(first);
        Assert.Equal(Expected(V1).Order(StringComparer.Ordinal), first.Order(StringComparer.Ordinal));
        var row = await harness.GetAsync(connection);
        Assert.Equal("\"v1\"", row.Cursor);
        Assert.Equal(ModifiedV1, row.LastModified);
        Assert.True(row.HealthOrNew is { Connected: true, LastSuccessAt: not null });

        await poller.RunAsync(default);

        var conditional = server.Received.Last();
        Assert.Equal("\"v1\"", conditional.Header("If-None-Match"));
        Assert.Equal(ModifiedV1, conditional.Header("If-Modified-Since"));
        Assert.Equal(1, feed.NotModified);
        Assert.Equal(first.Count, (await harness.LedgerAsync()).Count);

        feed.Change(V2, "\"v2\"", "Tue, 25 Mar 2025 09:00:00 GMT");
        await poller.RunAsync(default);

        var after = (await harness.LedgerAsync()).Select(c => c.ChangeId).ToHashSet(StringComparer.Ordinal);
        var added = after.Except(first).ToList();
        Assert.NotEmpty(added);
        Assert.Equal(Expected(V2).Except(first).Order(StringComparer.Ordinal), added.Order(StringComparer.Ordinal));
        Assert.Equal("\"v2\"", (await harness.GetAsync(connection)).Cursor);
    }

    [Fact]
    public async Task Poll_ServerErrorGarbageOversize_FailureRecordedNothingStored_OtherFeedsPolled()
    {
        await using var server = await LoopbackServer.StartAsync(async (context, _) =>
        {
            switch (context.Request.Path.Value)
            {
                case "/error.ics":
                    context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                    break;
                case "/garbage.ics":
                    context.Response.ContentType = "text/calendar";
                    await context.Response.WriteAsync("<html><body>Sign in to see this calendar</body></html>");
                    break;
                case "/huge.ics":
                    context.Response.ContentType = "text/calendar"; // chunked: no Content-Length to refuse it by
                    var line = new string('X', 1023) + "\n";
                    for (var i = 0; i < (IcsFeedPoller.MaxFeedBytes / 1024) + 64 && !context.RequestAborted.IsCancellationRequested; i++)
                        await context.Response.WriteAsync(line, context.RequestAborted);
                    break;
                default:
                    context.Response.ContentType = "text/calendar";
                    await context.Response.WriteAsync(V1);
                    break;
            }
        });
        await using var harness = await ConnectionsHarness.StartAsync(azurite, settings: ConnectionsHarness.LoopbackTargets);
        var broken = new[] { ("error.ics", "http-500"), ("garbage.ics", "bad-response"), ("huge.ics", "bad-response") }
            .Select(f => (Connection: Ics("ics-" + f.Item1, new Uri(server.BaseUri, f.Item1)), Kind: f.Item2)).ToList();
        foreach (var (connection, _) in broken)
            await harness.Connections.SaveAsync(connection, default);
        var good = Ics("ics-good", new Uri(server.BaseUri, "good.ics"));
        await harness.Connections.SaveAsync(good, default);

        await harness.Get<IcsFeedPoller>().RunAsync(default);

        foreach (var (connection, kind) in broken)
        {
            var row = await harness.GetAsync(connection);
            Assert.Equal(new ConnectionHealth(false, ConnectionsHarness.Now, kind, 1, null, null), row.Health);
            Assert.Null(row.Cursor);
        }

        Assert.True((await harness.GetAsync(good)).HealthOrNew.Connected);
        Assert.Equal(Expected(V1).Order(StringComparer.Ordinal), (await harness.LedgerAsync()).Select(c => c.ChangeId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Poll_FeedsReadAsTheFileMeans_CustomZoneAndAnInstanceMovedThenDeleted()
    {
        var outlook = Corpus("outlook-custom-zone-bangkok.ics");
        var google = Corpus("google-moved-then-deleted.ics");
        await using var server = await LoopbackServer.StartAsync(async (context, _) =>
        {
            context.Response.ContentType = "text/calendar";
            await context.Response.WriteAsync(context.Request.Path.Value == "/outlook.ics" ? outlook : google);
        });
        await using var harness = await ConnectionsHarness.StartAsync(azurite, settings: ConnectionsHarness.LoopbackTargets);
        var outlookFeed = Ics("ics-outlook", new Uri(server.BaseUri, "outlook.ics"));
        var googleFeed = Ics("ics-google", new Uri(server.BaseUri, "google.ics"));
        await harness.Connections.SaveAsync(outlookFeed, default);
        await harness.Connections.SaveAsync(googleFeed, default);

        await harness.Get<IcsFeedPoller>().RunAsync(default);

        Assert.True((await harness.GetAsync(outlookFeed)).HealthOrNew.Connected); // its TZID is read from its own VTIMEZONE
        Assert.True((await harness.GetAsync(googleFeed)).HealthOrNew.Connected);
        var ledger = await harness.LedgerAsync();
        Assert.Equal(Expected(outlook).Union(Expected(google)).Order(StringComparer.Ordinal), ledger.Select(c => c.ChangeId).Order(StringComparer.Ordinal));
        Assert.All(ledger.Where(c => c.MeetingId.StartsWith("0400", StringComparison.Ordinal)), c => Assert.Equal(12, c.Start!.Value.UtcDateTime.Hour)); // 19:00 at +07:00
        var deleted = ledger.Where(c => c.MeetingId == "2p9sd8f7g6h5j4k3l2m1n0b9v8@google.com/20250220T140000Z").OrderBy(c => c.ChangeId, StringComparer.Ordinal);
        Assert.Equal(ChangeKind.Cancelled, deleted.Last().Kind);
    }

    [Fact]
    public async Task Poll_UnchangedFeedWeeksLater_LaterOccurrencesOfTheSeriesReachTheLedger()
    {
        // A weekly series with no end; the feed never changes and answers 304 to a matching If-None-Match.
        var weekly = string.Join("\r\n",
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
            "BEGIN:VEVENT", "UID:weekly-open-ended@google.com", "DTSTART:20250305T150000Z", "DTEND:20250305T160000Z",
            "RRULE:FREQ=WEEKLY;BYDAY=WE", "CREATED:20250301T090000Z", "LAST-MODIFIED:20250301T090000Z", "DTSTAMP:20250321T120000Z",
            "SUMMARY:Mentoring", "END:VEVENT", "END:VCALENDAR", "");
        var feed = new Feed(weekly, "\"w1\"", ModifiedV1);
        await using var server = await LoopbackServer.StartAsync((context, _) => feed.ServeAsync(context));
        await using var harness = await ConnectionsHarness.StartAsync(azurite, settings: ConnectionsHarness.LoopbackTargets);
        var connection = Ics("ics-weekly", new Uri(server.BaseUri, "weekly.ics"));
        await harness.Connections.SaveAsync(connection, default);
        var poller = harness.Get<IcsFeedPoller>();

        await poller.RunAsync(default);
        var firstLast = (await harness.LedgerAsync()).Max(c => c.Start!.Value);
        Assert.True(firstLast <= ConnectionsHarness.Now + IcsFeedPoller.Ahead);

        harness.Time.Advance(TimeSpan.FromHours(2));
        await poller.RunAsync(default); // the same day: a conditional GET, 304
        Assert.Equal(1, feed.NotModified);

        harness.Time.Advance(TimeSpan.FromDays(60));
        await poller.RunAsync(default);

        var starts = (await harness.LedgerAsync()).Select(c => c.Start!.Value).ToHashSet();
        var now = harness.Time.GetUtcNow();
        for (var wednesday = new DateTimeOffset(2025, 3, 5, 15, 0, 0, TimeSpan.Zero); wednesday <= now + TimeSpan.FromDays(28); wednesday = wednesday.AddDays(7))
            Assert.Contains(wednesday, starts);
        Assert.Equal(1, feed.NotModified); // read in full: its window had moved on

        var count = (await harness.LedgerAsync()).Count;
        await poller.RunAsync(default); // unchanged window: nothing new, nothing twice
        Assert.Equal(count, (await harness.LedgerAsync()).Count);
    }

    private static string Corpus(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Calendars", "Ics", "Corpus", name));

    private static CalendarConnection Ics(string id, Uri url) =>
        new(CalendarConnection.Ics, id, ConnectionsHarness.ProgramId, null, ConnectionsHarness.PairId, url.AbsoluteUri);

    /// <summary>The change ids the feed's text means for the pair, as <c>replay</c> would read the same file.</summary>
    private static HashSet<string> Expected(string text) =>
        IcsHistory.Parse(text).ToLedger(new IcsLedgerOptions(ConnectionsHarness.Now.AddDays(30), "maria.mentor@contoso.com", "tom.mentee@contoso.com"))
            .Select(c => c.ChangeId).ToHashSet(StringComparer.Ordinal);

    /// <summary>A feed with a validator pair: a request whose If-None-Match matches gets 304.</summary>
    private sealed class Feed(string body, string etag, string lastModified)
    {
        private (string Body, string ETag, string LastModified) _current = (body, etag, lastModified);

        public int NotModified { get; private set; }

        public void Change(string body, string etag, string lastModified) => _current = (body, etag, lastModified);

        public async Task ServeAsync(HttpContext context)
        {
            var (text, tag, modified) = _current;
            context.Response.Headers.ETag = tag;
            context.Response.Headers.LastModified = modified;
            if (context.Request.Headers.IfNoneMatch == tag)
            {
                NotModified++;
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }

            context.Response.ContentType = "text/calendar; charset=utf-8";
            await context.Response.WriteAsync(text);
        }
    }
}
