using Mentoring.Application.Ingest.Connections;
using Mentoring.Application.Integration.Subscriptions;
using Mentoring.Application.Outbound;
using Mentoring.Testing;
using Mentoring.Tests.Calendars.Connections;
using Mentoring.Tests.Calendars.Support;
using Microsoft.AspNetCore.Http;

namespace Mentoring.Tests.Outbound;

/// <summary>The clients that fetch users' URLs, as deployed (no <c>Network:AllowPrivateTargets</c>), against a loopback server.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class UserTargetClientsTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData(IcsFeedPoller.HttpClientName)]
    [InlineData(WebhookDeliveryHandler.HttpClientName)]
    public async Task Client_LoopbackServer_Refused(string name)
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => context.Response.WriteAsync("ok"));
        await using var harness = await ConnectionsHarness.StartAsync(azurite);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => harness.Get<IHttpClientFactory>().CreateClient(name).GetAsync(server.BaseUri));

        Assert.True(RefusedTargetException.IsIn(error));
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task Poll_LoopbackFeed_RefusedAndRecordedWithoutReachingIt()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => context.Response.WriteAsync("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"));
        await using var harness = await ConnectionsHarness.StartAsync(azurite);
        var feed = new CalendarConnection(CalendarConnection.Ics, "ics-inside", ConnectionsHarness.ProgramId, null, ConnectionsHarness.PairId,
            new Uri(server.BaseUri, "pair.ics").AbsoluteUri);
        await harness.Connections.SaveAsync(feed, default);

        await harness.Get<IcsFeedPoller>().RunAsync(default);

        Assert.Equal(RefusedTargetException.Kind, (await harness.GetAsync(feed)).HealthOrNew.LastErrorKind);
        Assert.Empty(server.Received);
        Assert.Empty(await harness.LedgerAsync());
    }
}
