using System.Diagnostics;
using System.Text;
using Mentoring.Application.Calendars.Connections;
using Mentoring.Application.Calendars.Ics;
using Mentoring.Application.Tests.Calendars.Ics;
using Mentoring.Testing;
using Mentoring.Tests.Calendars.Support;
using Microsoft.AspNetCore.Http;

namespace Mentoring.Tests.Calendars.Connections;

/// <summary>
/// Adversarial feeds read by the poll timer (<see cref="IcsFeedPoller.RunAsync"/>) beside an ordinary feed of the same
/// pair: each poll ends in seconds, the adversarial feed's outcome is on its health (a failure of a named kind, nothing of
/// it stored; or a result) and the ordinary feed is read as usual.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class IcsFeedPollerAdversarialTests(AzuriteFixture azurite)
{
    private static readonly string Good = IcsSamples.Text("weekly-moves-cancels.ics");

    [Theory]
    [InlineData("huge", "bad-response")]
    [InlineData("deep", "bad-response")]
    [InlineData("binary", "bad-response")]
    [InlineData("far-future", "bad-response")]
    [InlineData("drip", "timeout")]
    [InlineData("never-ending-rule", null)]
    [InlineData("folded-2mb", null)]
    public async Task Poll_AdversarialFeed_EndsInSeconds_OutcomeOnItsHealth_OtherFeedRead(string feed, string? failure)
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => context.Request.Path.Value == "/good.ics" ? ServeAsync(context, Good) : ServeAsync(feed, context));
        await using var harness = await ConnectionsHarness.StartAsync(azurite, settings: ConnectionsHarness.LoopbackTargets);
        var adversarial = Ics("ics-" + feed, new Uri(server.BaseUri, feed + ".ics"));
        var good = Ics("ics-good", new Uri(server.BaseUri, "good.ics"));
        await harness.Connections.SaveAsync(adversarial, default);
        await harness.Connections.SaveAsync(good, default);
        var clock = Stopwatch.StartNew();

        await harness.Get<IcsFeedPoller>().RunAsync(default);

        // The fetch is cut at its deadline and the reading has the feed's budget; storage on a loaded machine gets the rest.
        Assert.True(clock.Elapsed < IcsFeedPoller.FetchDeadline + TimeSpan.FromSeconds(20), $"{feed}: the poll took {clock.Elapsed}");
        var row = await harness.GetAsync(adversarial);
        var expected = Expected(Good);
        if (failure is null)
        {
            Assert.True(row.HealthOrNew.Connected, $"{feed}: {row.HealthOrNew.LastErrorKind}");
            expected.UnionWith(Expected(Text(feed)));
        }
        else
        {
            Assert.Equal(new ConnectionHealth(false, ConnectionsHarness.Now, failure, 1, null, null), row.Health);
            Assert.Null(row.ReadAt);
        }

        Assert.True((await harness.GetAsync(good)).HealthOrNew.Connected);
        Assert.Equal(expected.Order(StringComparer.Ordinal), (await harness.LedgerAsync()).Select(c => c.ChangeId).Order(StringComparer.Ordinal));
    }

    private static string Calendar(params string[] lines) =>
        string.Join("\r\n", ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//tests//EN", .. lines, "END:VCALENDAR", string.Empty]);

    private static string Event(params string[] lines) =>
        Calendar(["BEGIN:VEVENT", "UID:adversarial", "DTSTART:20250324T100000Z", "DURATION:PT1H", "DTSTAMP:20250301T000000Z", .. lines, "END:VEVENT"]);

    /// <summary>The feeds served whole.</summary>
    private static string Text(string feed) => feed switch
    {
        "deep" => Calendar([.. Enumerable.Repeat("BEGIN:X-NEST", 50), .. Enumerable.Repeat("END:X-NEST", 50)]),
        "never-ending-rule" => Event("RRULE:FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30"),
        "far-future" => Event("LAST-MODIFIED:99991231T235959Z"),
        "folded-2mb" => Event(Folded("DESCRIPTION:", 2_000_000)),
        _ => throw new ArgumentOutOfRangeException(nameof(feed)),
    };

    private static string Folded(string name, int length)
    {
        var folded = new StringBuilder(name);
        for (var i = 0; i < length / 74; i++)
            folded.Append(i == 0 ? string.Empty : "\r\n ").Append('x', 74);
        return folded.ToString();
    }

    private static async Task ServeAsync(HttpContext context, string text)
    {
        context.Response.ContentType = "text/calendar";
        await context.Response.WriteAsync(text, context.RequestAborted);
    }

    private static async Task ServeAsync(string feed, HttpContext context)
    {
        context.Response.ContentType = "text/calendar";
        switch (feed)
        {
            case "huge": // chunked, no Content-Length: cut while it arrives
                var line = new string('X', 1023) + "\n";
                for (var i = 0; i < (IcsFeedPoller.MaxFeedBytes / 1024) + 64 && !context.RequestAborted.IsCancellationRequested; i++)
                    await context.Response.WriteAsync(line, context.RequestAborted);
                break;
            case "binary":
                var bytes = new byte[64 * 1024];
                new Random(7).NextBytes(bytes);
                await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
                break;
            case "drip": // a body that never ends, a few bytes at a time
                try
                {
                    await context.Response.WriteAsync("BEGIN:VCALENDAR\r\n", context.RequestAborted);
                    while (!context.RequestAborted.IsCancellationRequested)
                    {
                        await context.Response.WriteAsync("X-DRIP:1\r\n", context.RequestAborted);
                        await context.Response.Body.FlushAsync(context.RequestAborted);
                        await Task.Delay(200, context.RequestAborted);
                    }
                }
                catch (Exception e) when (e is OperationCanceledException or IOException)
                {
                    // the poller hung up
                }

                break;
            default:
                await ServeAsync(context, Text(feed));
                break;
        }
    }

    private static CalendarConnection Ics(string id, Uri url) =>
        new(CalendarConnection.Ics, id, ConnectionsHarness.ProgramId, null, ConnectionsHarness.PairId, url.AbsoluteUri);

    /// <summary>The change ids a feed's text means for the pair, read as the poller reads it.</summary>
    private static HashSet<string> Expected(string text) =>
        IcsHistory.Parse(text).ToLedger(new IcsLedgerOptions(ConnectionsHarness.Now + IcsFeedPoller.Ahead, "maria.mentor@contoso.com", "tom.mentee@contoso.com"))
            .Select(c => c.ChangeId).ToHashSet(StringComparer.Ordinal);
}
