using System.Text.Json;
using Mentoring.Application.Ingest.Connections;
using Mentoring.Engine.Ledger;
using Mentoring.Testing;

namespace Mentoring.Tests.Calendars.Connections;

/// <summary>
/// The renewal and reconciliation timer against Azurite and a loopback Graph / Google: the requests the providers
/// receive, the connection rows it leaves, and the pair's ledger.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class ConnectionMaintenanceTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = ConnectionsHarness.Now;

    [Fact]
    public async Task Graph_ExpiringSoon_PatchedAndDeltaCaughtUpIntoThePairsLedger()
    {
        await using var api = await ProviderFake.StartAsync();
        await using var harness = await ConnectionsHarness.StartAsync(azurite, api.BaseUri);
        var connection = Graph("graph-maria", "sub-1", Now.AddHours(2), cursor: $"{api.GraphBase}/me/calendarView/delta?$deltatoken=saved");
        await harness.Connections.SaveAsync(connection, default);

        await harness.Get<ConnectionMaintenance>().RunAsync(default);

        var patch = Assert.Single(api.Where("PATCH", "/v1.0/subscriptions/sub-1"));
        Assert.Equal(Now.AddDays(3), DateTimeOffset.Parse(JsonDocument.Parse(patch.Body).RootElement.GetProperty("expirationDateTime").GetString()!, null));
        Assert.Empty(api.Where("POST", "/v1.0/subscriptions"));
        var deltas = api.Where("GET", "/calendarView/delta");
        Assert.Equal(2, deltas.Count);
        Assert.Contains("deltatoken=saved", Uri.UnescapeDataString(deltas[0].PathAndQuery), StringComparison.Ordinal);
        Assert.Contains("skiptoken=", Uri.UnescapeDataString(deltas[1].PathAndQuery), StringComparison.Ordinal);
        var row = await harness.GetAsync(connection);
        Assert.Equal(Now.AddDays(3), row.ExpiresAt);
        Assert.EndsWith("$deltatoken=" + ProviderFake.FirstDeltaToken, row.Cursor, StringComparison.Ordinal);
        Assert.Equal(new ConnectionHealth(true, null, null, 0, Now, null), row.Health);
        var ledger = await harness.LedgerAsync();
        Assert.Contains(ledger, c => c is { Kind: ChangeKind.Scheduled, MeetingId: "graph:AAMkAGUwNjQ4ZjIxAAA=" });
        Assert.Contains(ledger, c => c is { Kind: ChangeKind.Rescheduled, MeetingId: "graph:AAMkAGUwNjQ4ZjIxMST=@20250325T130000Z" });

        // The next round: nothing to renew; the delta from the saved link removes the first meeting.
        harness.Time.Advance(TimeSpan.FromHours(6));
        await harness.Get<ConnectionMaintenance>().RunAsync(default);

        Assert.Single(api.Where("PATCH", "/v1.0/subscriptions/"));
        Assert.Contains(await harness.LedgerAsync(), c => c is { Kind: ChangeKind.Cancelled, MeetingId: "graph:AAMkAGUwNjQ4ZjIxAAA=" });
        Assert.EndsWith("$deltatoken=" + ProviderFake.SecondDeltaToken, (await harness.GetAsync(connection)).Cursor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Graph_SubscriptionGone404_NewSubscriptionCreatedIndexedAndResynced()
    {
        await using var api = await ProviderFake.StartAsync();
        await using var harness = await ConnectionsHarness.StartAsync(azurite, api.BaseUri);
        var connection = Graph("graph-maria", "sub-gone", Now.AddHours(2));
        await harness.Connections.SaveAsync(connection, default);
        api.Failing["/v1.0/subscriptions/sub-gone"] = 404;

        await harness.Get<ConnectionMaintenance>().RunAsync(default);

        var post = JsonDocument.Parse(Assert.Single(api.Where("POST", "/v1.0/subscriptions")).Body).RootElement;
        Assert.Equal("created,updated,deleted", post.GetProperty("changeType").GetString());
        Assert.Equal($"/users/{ConnectionsHarness.GraphUser}/events", post.GetProperty("resource").GetString());
        Assert.Equal(ConnectionsHarness.GraphNotifications.AbsoluteUri, post.GetProperty("notificationUrl").GetString());
        Assert.Equal(ConnectionsHarness.GraphLifecycle.AbsoluteUri, post.GetProperty("lifecycleNotificationUrl").GetString());
        Assert.Equal(ConnectionsHarness.GraphState, post.GetProperty("clientState").GetString());
        var row = await harness.GetAsync(connection);
        Assert.Equal(ProviderFake.NewSubscriptionId, row.SubscriptionId);
        Assert.Equal(Now.AddDays(3), row.ExpiresAt);
        Assert.Null(row.HealthOrNew.LastErrorKind);
        Assert.True(row.HealthOrNew.Connected);
        Assert.Equal(connection.ConnectionId, (await harness.Connections.FindBySubscriptionAsync(CalendarConnection.Graph, ProviderFake.NewSubscriptionId, default))?.ConnectionId);
        Assert.Null(await harness.Connections.FindBySubscriptionAsync(CalendarConnection.Graph, "sub-gone", default));
        Assert.Contains("startDateTime=", api.Where("GET", "/calendarView/delta")[0].PathAndQuery, StringComparison.Ordinal);
        Assert.Contains(await harness.LedgerAsync(), c => c.MeetingId == "graph:AAMkAGUwNjQ4ZjIxAAA=");
    }

    [Fact]
    public async Task Google_ChannelExpiring_NewChannelWatchedOldStopped_GoneTokenFullyResynced()
    {
        await using var api = await ProviderFake.StartAsync();
        await using var harness = await ConnectionsHarness.StartAsync(azurite, api.BaseUri);
        var connection = new CalendarConnection(CalendarConnection.Google, "google-maria", ConnectionsHarness.ProgramId, "p-maria", null, "maria.mentor@contoso.com",
            SubscriptionId: "chan-old", ResourceId: "res-old", ExpiresAt: Now.AddHours(1), Cursor: "expired-token");
        await harness.Connections.SaveAsync(connection, default);

        await harness.Get<ConnectionMaintenance>().RunAsync(default);

        var watch = Assert.Single(api.Where("POST", "/events/watch"));
        Assert.Equal("/calendar/v3/calendars/maria.mentor@contoso.com/events/watch", Uri.UnescapeDataString(watch.Path));
        Assert.Equal("Bearer test-access-token", watch.Header("Authorization"));
        var channel = JsonDocument.Parse(watch.Body).RootElement;
        var newId = channel.GetProperty("id").GetString()!;
        Assert.NotEqual("chan-old", newId);
        Assert.Equal("web_hook", channel.GetProperty("type").GetString());
        Assert.Equal(ConnectionsHarness.GoogleWebhook.AbsoluteUri, channel.GetProperty("address").GetString());
        Assert.Equal(ConnectionsHarness.GoogleToken, channel.GetProperty("token").GetString());
        var stop = JsonDocument.Parse(Assert.Single(api.Where("POST", "/channels/stop")).Body).RootElement;
        Assert.Equal("chan-old", stop.GetProperty("id").GetString());
        Assert.Equal("res-old", stop.GetProperty("resourceId").GetString());

        var row = await harness.GetAsync(connection);
        Assert.Equal(newId, row.SubscriptionId);
        Assert.Equal(ProviderFake.NewResourceId, row.ResourceId);
        Assert.Equal(api.ChannelExpiration, row.ExpiresAt);
        Assert.Equal("CPDAlvWDx70CEPDAlvWDx70CGAU=", row.Cursor);
        Assert.Equal("google-maria", (await harness.Connections.FindByChannelAsync(newId, default))?.ConnectionId);
        Assert.Null(await harness.Connections.FindByChannelAsync("chan-old", default));

        var lists = api.Where("GET", "/events");
        Assert.Contains("syncToken=expired-token", lists[0].PathAndQuery, StringComparison.Ordinal);
        Assert.DoesNotContain("syncToken", lists[1].PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("pageToken=", lists[2].PathAndQuery, StringComparison.Ordinal);
        var ledger = await harness.LedgerAsync();
        Assert.NotEmpty(ledger);
        Assert.All(ledger, c => Assert.Equal("google", c.Source));
        Assert.Contains(ledger, c => c.Kind == ChangeKind.Rescheduled);
    }

    [Fact]
    public async Task Health_ThreeFailuresInARow_OneReconnectEvent_OthersRenewed_SuccessResets()
    {
        await using var api = await ProviderFake.StartAsync();
        await using var harness = await ConnectionsHarness.StartAsync(azurite, api.BaseUri);
        var broken = Graph("graph-broken", "sub-broken", Now.AddHours(2));
        var good = Graph("graph-good", "sub-good", Now.AddHours(2));
        await harness.Connections.SaveAsync(broken, default);
        await harness.Connections.SaveAsync(good, default);
        api.Failing["/v1.0/subscriptions/sub-broken"] = 401;

        for (var round = 0; round < 4; round++)
        {
            await harness.Get<ConnectionMaintenance>().RunAsync(default);
            harness.Time.Advance(TimeSpan.FromHours(6));
        }

        var failing = (await harness.GetAsync(broken)).HealthOrNew;
        Assert.Equal(new ConnectionHealth(false, Now, "http-401", 4, null, Now.AddHours(12)), failing);
        var nudge = Assert.Single(harness.Events.Published);
        Assert.Equal(ConnectionMaintenance.ReconnectNeeded, nudge.Type);
        Assert.Equal(ConnectionsHarness.ProgramId, nudge.ProgramId);
        Assert.Equal("graph-broken", nudge.Data["connectionId"]);
        Assert.Equal("p-maria", nudge.Data["participantId"]);
        Assert.Equal("http-401", nudge.Data["lastErrorKind"]);
        Assert.DoesNotContain(nudge.Data.Values, v => v.Contains('@', StringComparison.Ordinal));
        Assert.True((await harness.GetAsync(good)).HealthOrNew is { Connected: true, Failures: 0 });
        Assert.Equal(Now.AddDays(3), (await harness.GetAsync(good)).ExpiresAt);

        api.Failing.Clear();
        await harness.Get<ConnectionMaintenance>().RunAsync(default);

        Assert.Equal(new ConnectionHealth(true, null, null, 0, Now.AddHours(24), null), (await harness.GetAsync(broken)).Health);
        Assert.Single(harness.Events.Published);
    }

    private static CalendarConnection Graph(string id, string subscription, DateTimeOffset expires, string? cursor = null) =>
        new(CalendarConnection.Graph, id, ConnectionsHarness.ProgramId, "p-maria", null, ConnectionsHarness.GraphUser,
            SubscriptionId: subscription, ExpiresAt: expires, Cursor: cursor);
}
