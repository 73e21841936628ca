using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Mentoring.Application.Ingest.Connections;
using Mentoring.Testing;
using Mentoring.Tests.Calendars.Connections;

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
        await using var server = await Support.LoopbackServer.StartAsync((context, _) => Support.AdversarialFeeds.ServeAsync(feed, context, hungUp));
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
}
