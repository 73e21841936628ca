using System.Net;
using System.Text.Json;
using Mentoring.Application.Ingest.Connections;
using Mentoring.Engine.Ledger;
using Mentoring.Testing;
using Mentoring.Tests.Calendars.Connections;
using Microsoft.AspNetCore.Http;

namespace Mentoring.Tests.Calendars;

/// <summary>
/// Connecting calendars through the admin API on the local host (Kestrel, Azurite) with Graph and Google on loopback:
/// the first subscription or channel and sync happen at once, health is listed, and disconnecting stops them.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class CalendarRoutesTests(AzuriteFixture azurite)
{
    private const string Calendars = $"programs/{WebhookHost.ProgramId}/calendars";
    private const string Maria = "maria.mentor@contoso.com";

    [Fact]
    public async Task ConnectGraph_SubscribedAndSynced_ListedConnected_DeleteStopsTheSubscription()
    {
        await using var api = await ProviderFake.StartAsync();
        await using var host = await StartAsync(api);

        using var created = await host.AdminAsync(HttpMethod.Post, Calendars, new { provider = "graph", participantId = "p-maria", resource = Maria });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var connection = await JsonAsync(created);
        var id = connection.GetProperty("id").GetString()!;
        Assert.StartsWith("graph-", id, StringComparison.Ordinal);
        Assert.Equal("connected", connection.GetProperty("health").GetProperty("status").GetString());
        var subscription = JsonDocument.Parse(Assert.Single(api.Where("POST", "/v1.0/subscriptions")).Body).RootElement;
        Assert.Equal(WebhookHost.GraphState, subscription.GetProperty("clientState").GetString());
        Assert.Equal(WebhookHost.GraphNotifications.AbsoluteUri, subscription.GetProperty("notificationUrl").GetString());
        Assert.Equal($"/users/{Maria}/events", subscription.GetProperty("resource").GetString());
        Assert.Contains("startDateTime=", api.Where("GET", "/calendarView/delta")[0].PathAndQuery, StringComparison.Ordinal);
        Assert.Contains(await host.LedgerAsync(), c => c is { Kind: ChangeKind.Scheduled, MeetingId: "graph:AAMkAGUwNjQ4ZjIxAAA=" });

        var listed = Assert.Single((await JsonAsync(await host.AdminAsync(HttpMethod.Get, Calendars))).GetProperty("items").EnumerateArray());
        Assert.Equal(id, listed.GetProperty("id").GetString());
        Assert.Equal(Maria, listed.GetProperty("resource").GetString());
        Assert.Equal("connected", listed.GetProperty("health").GetProperty("status").GetString());

        using var deleted = await host.AdminAsync(HttpMethod.Delete, $"{Calendars}/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Single(api.Where("DELETE", "/v1.0/subscriptions/" + ProviderFake.NewSubscriptionId));
        Assert.Empty((await JsonAsync(await host.AdminAsync(HttpMethod.Get, Calendars))).GetProperty("items").EnumerateArray());
        Assert.Null(await host.Get<ConnectionStore>().FindBySubscriptionAsync(CalendarConnection.Graph, ProviderFake.NewSubscriptionId, default));
    }

    [Fact]
    public async Task ConnectGoogle_ProviderRefuses_Saved201WithTheFailure_TimerConnectsIt_DeleteStopsTheChannel()
    {
        await using var api = await ProviderFake.StartAsync();
        await using var host = await StartAsync(api);
        api.Failing["/calendar/v3/calendars/maria.mentor@contoso.com/events/watch"] = 403;

        using var created = await host.AdminAsync(HttpMethod.Post, Calendars, new { provider = "google", participantId = "p-maria", resource = "maria.mentor@contoso.com" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var connection = await JsonAsync(created);
        var id = connection.GetProperty("id").GetString()!;
        var health = connection.GetProperty("health");
        Assert.Equal("retrying", health.GetProperty("status").GetString());
        Assert.Equal("http-403", health.GetProperty("lastErrorKind").GetString());
        Assert.Equal(1, health.GetProperty("failures").GetInt32());
        Assert.True(health.TryGetProperty("failingSince", out _));
        var listed = Assert.Single((await JsonAsync(await host.AdminAsync(HttpMethod.Get, Calendars))).GetProperty("items").EnumerateArray());
        Assert.Equal("http-403", listed.GetProperty("health").GetProperty("lastErrorKind").GetString());

        api.Failing.Clear();
        await host.Get<ConnectionMaintenance>().RunAsync(default);

        listed = Assert.Single((await JsonAsync(await host.AdminAsync(HttpMethod.Get, Calendars))).GetProperty("items").EnumerateArray());
        Assert.Equal("connected", listed.GetProperty("health").GetProperty("status").GetString());
        var channelId = JsonDocument.Parse(api.Where("POST", "/events/watch")[^1].Body).RootElement.GetProperty("id").GetString()!;
        Assert.NotEmpty(await host.LedgerAsync());

        // Google's pushes name the channel the app opened: they find the connection and run events.list from its token.
        using var push = await host.PostAsync("webhooks/google", [], "text/plain",
            ("X-Goog-Channel-ID", channelId), ("X-Goog-Channel-Token", WebhookHost.GoogleToken), ("X-Goog-Resource-State", "exists"),
            ("X-Goog-Message-Number", "2"), ("X-Goog-Resource-ID", ProviderFake.NewResourceId));
        Assert.Equal(HttpStatusCode.Accepted, push.StatusCode);
        await host.DrainCalendarChangesAsync();
        Assert.Contains("syncToken=CPDAlvWDx70CEPDAlvWDx70CGAU", api.Where("GET", "/events")[^1].PathAndQuery, StringComparison.Ordinal);

        using var deleted = await host.AdminAsync(HttpMethod.Delete, $"{Calendars}/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var stop = JsonDocument.Parse(Assert.Single(api.Where("POST", "/channels/stop")).Body).RootElement;
        Assert.Equal(channelId, stop.GetProperty("id").GetString());
        Assert.Equal(ProviderFake.NewResourceId, stop.GetProperty("resourceId").GetString());
        Assert.Null(await host.Get<ConnectionStore>().FindByChannelAsync(channelId, default));
    }

    [Fact]
    public async Task ConnectCalendar_InvalidBodies_400NamingTheField_Duplicate409_UnknownId404()
    {
        await using var api = await ProviderFake.StartAsync();
        await using var host = await StartAsync(api);
        var invalid = new (object Body, string Field)[]
        {
            (new { provider = "outlook", participantId = "p-maria", resource = "someone" }, "provider"),
            (new { provider = "ics", pairId = WebhookHost.PairId, resource = "ftp://feeds.example.com/pair.ics" }, "resource"),
            (new { provider = "ics", resource = "https://feeds.example.com/pair.ics" }, "pairId"),
            (new { provider = "ics", pairId = "no-such-pair", resource = "https://feeds.example.com/pair.ics" }, "pairId"),
            (new { provider = "graph", resource = ConnectionsHarness.GraphUser }, "participantId"),
            (new { provider = "graph", participantId = "no-such-person", resource = ConnectionsHarness.GraphUser }, "participantId"),

            // Bound to the participant: another person's mailbox, or any user id, is not maria's calendar.
            (new { provider = "graph", participantId = "p-maria", resource = "tom.mentee@contoso.com" }, "resource"),
            (new { provider = "graph", participantId = "p-maria", resource = ConnectionsHarness.GraphUser }, "resource"),
            (new { provider = "google", participantId = "p-maria", resource = "ceo@contoso.com" }, "resource"),
        };

        foreach (var (body, field) in invalid)
        {
            using var response = await host.AdminAsync(HttpMethod.Post, Calendars, body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True((await JsonAsync(response)).GetProperty("errors").TryGetProperty(field, out _), $"{field} is not named for {JsonSerializer.Serialize(body)}");
        }

        using var unknownField = await host.AdminAsync(HttpMethod.Post, Calendars, new { provider = "ics", pairId = WebhookHost.PairId, resource = "https://feeds.example.com/pair.ics", colour = "red" });
        Assert.Equal(HttpStatusCode.BadRequest, unknownField.StatusCode);
        Assert.Contains("colour", await unknownField.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var feed = new { provider = "ics", pairId = WebhookHost.PairId, resource = "http://127.0.0.1:9/pair.ics" }; // refused: the first poll fails
        using var first = await host.AdminAsync(HttpMethod.Post, Calendars, feed);
        using var again = await host.AdminAsync(HttpMethod.Post, Calendars, feed);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var saved = await JsonAsync(first);
        Assert.Equal("http://127.0.0.1/…", saved.GetProperty("resource").GetString());
        Assert.Equal("network", saved.GetProperty("health").GetProperty("lastErrorKind").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using var unknown = await host.AdminAsync(HttpMethod.Delete, $"{Calendars}/graph-0000");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ConnectIcs_FirstPollFillsThePairsLedger_ListedConnected()
    {
        var feed = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "weekly-moves-cancels.ics"));
        await using var server = await Support.LoopbackServer.StartAsync(async (context, _) =>
        {
            context.Response.ContentType = "text/calendar";
            context.Response.Headers.ETag = "\"feed-1\"";
            await context.Response.WriteAsync(feed);
        });
        await using var api = await ProviderFake.StartAsync();
        await using var host = await StartAsync(api);

        using var created = await host.AdminAsync(HttpMethod.Post, Calendars, new { provider = "ics", pairId = WebhookHost.PairId, resource = new Uri(server.BaseUri, "pair.ics?key=s3cret").AbsoluteUri });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var connection = await JsonAsync(created);
        Assert.Equal("connected", connection.GetProperty("health").GetProperty("status").GetString());
        Assert.DoesNotContain("s3cret", connection.GetRawText(), StringComparison.Ordinal);
        var ledger = await host.LedgerAsync();
        Assert.NotEmpty(ledger);
        Assert.Contains(ledger, c => c.Kind == ChangeKind.Cancelled);
        Assert.Single(server.Received);
    }

    [Fact]
    public async Task ErasePerson_TheirCalendarsAndTheirPairsFeedsExported_ThenDisconnected()
    {
        await using var api = await ProviderFake.StartAsync();
        await using var host = await StartAsync(api);
        (await host.AdminAsync(HttpMethod.Put, $"programs/{WebhookHost.ProgramId}/participants/p-ines", new { name = "Ines", email = "ines@example.com", role = "mentee", timeZone = "Europe/Lisbon" })).EnsureSuccessStatusCode();
        (await host.AdminAsync(HttpMethod.Post, $"programs/{WebhookHost.ProgramId}/pairs", new { id = "pair-ines", mentorId = "p-maria", menteeId = "p-ines" })).EnsureSuccessStatusCode();
        (await host.AdminAsync(HttpMethod.Post, Calendars, new { provider = "graph", participantId = "p-ines", resource = "ines@example.com" })).EnsureSuccessStatusCode();
        (await host.AdminAsync(HttpMethod.Post, Calendars, new { provider = "ics", pairId = "pair-ines", resource = "http://127.0.0.1:9/ines.ics" })).EnsureSuccessStatusCode();
        (await host.AdminAsync(HttpMethod.Post, Calendars, new { provider = "ics", pairId = WebhookHost.PairId, resource = "http://127.0.0.1:9/other.ics" })).EnsureSuccessStatusCode();

        var export = await JsonAsync(await host.AdminAsync(HttpMethod.Get, $"programs/{WebhookHost.ProgramId}/participants/p-ines/export"));
        var erased = await JsonAsync(await host.AdminAsync(HttpMethod.Delete, $"programs/{WebhookHost.ProgramId}/participants/p-ines"));

        Assert.Equal(["graph", "ics"], export.GetProperty("calendarConnections").EnumerateArray().Select(c => c.GetProperty("provider").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(2, erased.GetProperty("calendarsDisconnected").GetInt32());
        Assert.Single(api.Where("DELETE", "/v1.0/subscriptions/" + ProviderFake.NewSubscriptionId));
        var left = Assert.Single((await JsonAsync(await host.AdminAsync(HttpMethod.Get, Calendars))).GetProperty("items").EnumerateArray());
        Assert.Equal(WebhookHost.PairId, left.GetProperty("pairId").GetString());
    }

    /// <summary>The host, with the ICS feeds these tests use (loopback servers, 127.0.0.1:9) allowed explicitly.</summary>
    private async Task<WebhookHost> StartAsync(ProviderFake api)
    {
        var host = await WebhookHost.StartAsync(azurite, api.BaseUri, WebhookHost.LoopbackTargets);
        await host.EnsureProgramAsync();
        return host;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
