using System.Diagnostics;
using Mentoring.Application.Ingest.Connections;
using Mentoring.Application.Ingest.Ics;
using Mentoring.Application.Tests.Calendars.Ics;
using Mentoring.Testing;
using Mentoring.Tests.Calendars.Support;

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
        await using var server = await LoopbackServer.StartAsync((context, _) => context.Request.Path.Value == "/good.ics" ? AdversarialFeeds.ServeAsync(context, Good) : AdversarialFeeds.ServeAsync(feed, context));
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
            expected.UnionWith(Expected(AdversarialFeeds.Text(feed)));
        }
        else
        {
            Assert.Equal(new ConnectionHealth(false, ConnectionsHarness.Now, failure, 1, null, null), row.Health);
            Assert.Null(row.ReadAt);
        }

        Assert.True((await harness.GetAsync(good)).HealthOrNew.Connected);
        Assert.Equal(expected.Order(StringComparer.Ordinal), (await harness.LedgerAsync()).Select(c => c.ChangeId).Order(StringComparer.Ordinal));
    }

    private static CalendarConnection Ics(string id, Uri url) =>
        new(CalendarConnection.Ics, id, ConnectionsHarness.ProgramId, null, ConnectionsHarness.PairId, url.AbsoluteUri);

    /// <summary>The change ids a feed's text means for the pair, read as the poller reads it.</summary>
    private static HashSet<string> Expected(string text) =>
        IcsHistory.Parse(text).ToLedger(new IcsLedgerOptions(ConnectionsHarness.Now + IcsFeedPoller.Ahead, "maria.mentor@contoso.com", "tom.mentee@contoso.com"))
            .Select(c => c.ChangeId).ToHashSet(StringComparer.Ordinal);
}
