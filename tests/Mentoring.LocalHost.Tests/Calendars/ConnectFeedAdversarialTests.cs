using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Mentoring.Application.Calendars.Connections;
using Mentoring.Testing;
using Mentoring.Tests.Calendars.Connections;
using Microsoft.AspNetCore.Http;

namespace Mentoring.Tests.Calendars;

/// <summary>
/// Adversarial feeds given to the admin connect route (its first poll reads the feed at once): each request ends in
/// seconds with the connection created and the outcome on its health — a result, or a failure of a named kind — never
/// a 5xx, a hang or a stored half-read.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class ConnectFeedAdversarialTests(AzuriteFixture azurite)
{
    private const string Calendars = $"programs/{WebhookHost.ProgramId}/calendars";

    private static string Calendar(params string[] lines) =>
        string.Join("\r\n", ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//tests//EN", .. lines, "END:VCALENDAR", string.Empty]);

    private static string Event(params string[] lines) =>
        Calendar(["BEGIN:VEVENT", "UID:adversarial", "DTSTART:20250106T100000Z", "DURATION:PT1H", "DTSTAMP:20250101T000000Z", .. lines, "END:VEVENT"]);

    [Theory]
    [InlineData("huge", "bad-response")]
    [InlineData("deep", "bad-response")]
    [InlineData("never-ending-rule", null)]
    [InlineData("binary", "bad-response")]
    [InlineData("far-future", "bad-response")]
    [InlineData("folded-2mb", null)]
    [InlineData("drip", "timeout")]
    public async Task Connect_AdversarialFeed_EndsInSecondsWithItsOutcomeOnTheHealth(string feed, string? failure)
    {
        var hungUp = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await Support.LoopbackServer.StartAsync((context, _) => ServeAsync(feed, context, hungUp));
        await using var api = await ProviderFake.StartAsync();
        await using var host = await WebhookHost.StartAsync(azurite, api.BaseUri, WebhookHost.LoopbackTargets);
        await host.EnsureProgramAsync();
        var clock = Stopwatch.StartNew();

        using var created = await host.AdminAsync(HttpMethod.Post, Calendars, new { provider = "ics", pairId = WebhookHost.PairId, resource = new Uri(server.BaseUri, feed + ".ics").AbsoluteUri });

        // The fetch itself is cut by the feed's deadline; the request as a whole also waits on storage, which a machine
        // loaded by the whole suite can slow down, so it gets a wider bound that still catches a hang.
        var answered = clock.Elapsed;
        if (feed == "drip")
        {
            var connected = await hungUp.Task.WaitAsync(TimeSpan.FromSeconds(5));
            Assert.True(connected < IcsFeedPoller.FetchDeadline + TimeSpan.FromSeconds(10), $"drip: the reader stayed {connected} (deadline {IcsFeedPoller.FetchDeadline}); answered after {answered}");
        }

        Assert.True(answered < TimeSpan.FromSeconds(60), $"{feed}: answered after {answered}");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var health = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("health");
        if (failure is null)
        {
            Assert.Equal("connected", health.GetProperty("status").GetString());
        }
        else
        {
            Assert.Equal(failure, health.GetProperty("lastErrorKind").GetString());
            Assert.Empty(await host.LedgerAsync());
        }
    }

    private static async Task ServeAsync(string feed, HttpContext context, TaskCompletionSource<TimeSpan> hungUp)
    {
        context.Response.ContentType = "text/calendar";
        switch (feed)
        {
            case "huge": // chunked, no Content-Length: cut while it arrives
                var line = new string('X', 1023) + "\n";
                for (var i = 0; i < 5 * 1024 && !context.RequestAborted.IsCancellationRequested; i++)
                    await context.Response.WriteAsync(line, context.RequestAborted);
                break;
            case "deep":
                await context.Response.WriteAsync(Calendar([.. Enumerable.Repeat("BEGIN:X-NEST", 50), .. Enumerable.Repeat("END:X-NEST", 50)]));
                break;
            case "never-ending-rule":
                await context.Response.WriteAsync(Event("RRULE:FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30"));
                break;
            case "binary":
                var bytes = new byte[64 * 1024];
                new Random(7).NextBytes(bytes);
                await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
                break;
            case "far-future":
                await context.Response.WriteAsync(Event("LAST-MODIFIED:99991231T235959Z"));
                break;
            case "folded-2mb":
                var folded = new StringBuilder("DESCRIPTION:");
                for (var i = 0; i < 2_000_000 / 74; i++)
                    folded.Append(i == 0 ? string.Empty : "\r\n ").Append('x', 74);
                await context.Response.WriteAsync(Event(folded.ToString()));
                break;
            case "drip": // a body that never ends, a few bytes at a time; how long the reader stayed is what the test checks
                var served = Stopwatch.StartNew();
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
                    // the reader hung up
                }
                finally
                {
                    hungUp.TrySetResult(served.Elapsed);
                }

                break;
        }
    }
}
