using System.Net;
using Azure.Storage.Queues;
using Mentoring.Application.Admin;
using Mentoring.Application.Hosting;
using Mentoring.Application.Queues;
using Mentoring.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Mentoring.Tests.Admin;

/// <summary>
/// Every route of the route table, enumerated: no credential → 401; a key for another program → 404 (403 for operator
/// routes; program lists answer with the caller's own); a read-only key → 403 on writes; the bootstrap key → 2xx.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class AuthMatrixTests(AzuriteFixture azurite)
{
    /// <summary>Routes that are not the admin API, each for a reason: they verify their own signatures, or hold no data.</summary>
    public static IReadOnlyDictionary<string, string> NotAdmin { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [HttpEndpoints.Health.Name] = "liveness probe: no data",
        [AdminEndpoints.Dashboard.Name] = "a static page with no data; it calls the API with the caller's key",
        [Application.Ingest.Webhooks.WebhookEndpoints.CalCom.Name] = "verifies the provider's signature",
        [Application.Ingest.Webhooks.WebhookEndpoints.Calendly.Name] = "verifies the provider's signature",
        [Application.Ingest.Webhooks.WebhookEndpoints.Zoom.Name] = "verifies the provider's signature",
        [Application.Ingest.Webhooks.WebhookEndpoints.Graph.Name] = "verifies clientState and the validation handshake",
        [Application.Ingest.Webhooks.WebhookEndpoints.GraphLifecycle.Name] = "verifies clientState and the validation handshake",
        [Application.Ingest.Webhooks.WebhookEndpoints.Google.Name] = "verifies the channel id and token",
        [Application.Links.LinkEndpoints.CheckInPage.Name] = "signed, expiring link; shows a page, changes nothing",
        [Application.Links.LinkEndpoints.CheckIn.Name] = "signed, expiring link",
        [Application.Links.LinkEndpoints.BookingPage.Name] = "signed, expiring link; shows a page, changes nothing",
        [Application.Links.LinkEndpoints.Book.Name] = "signed, expiring link",
        [Application.Links.LinkEndpoints.UnsubscribePage.Name] = "signed link; shows a page, changes nothing",
        [Application.Links.LinkEndpoints.Unsubscribe.Name] = "signed link (RFC 8058 one-click)",
        [Application.Links.LinkEndpoints.SendGridEvents.Name] = "verifies SendGrid's ECDSA signature",
    };

    internal const string Program = "matrix";

    /// <summary>A valid request for each admin route (path under /api, body), against the data <see cref="AdminApi.SeedProgramAsync"/> makes.</summary>
    internal static Dictionary<string, (string Path, Func<HttpContent?> Body)> Valid(string poisonId, string keyId, string connectionId) => new(StringComparer.Ordinal)
    {
        [nameof(AdminEndpoints.ListPrograms)] = ("programs", () => null),
        [nameof(AdminEndpoints.CreateProgram)] = ("programs", () => AdminApi.Json(new { id = "matrix-new", name = "New", businessGoal = "Goal", timeZone = "UTC", admins = new[] { "a@example.com" } })),
        [nameof(AdminEndpoints.GetProgram)] = ($"programs/{Program}", () => null),
        [nameof(AdminEndpoints.UpdateProgram)] = ($"programs/{Program}", () => AdminApi.Json(new { name = "Matrix", businessGoal = "Grow.", timeZone = "Europe/Berlin", admins = new[] { "a@example.com" }, recurring = true, cadenceDays = 21 })),
        [nameof(AdminEndpoints.ListCycles)] = ($"programs/{Program}/cycles", () => null),
        [nameof(AdminEndpoints.CreateCycle)] = ($"programs/{Program}/cycles", () => AdminApi.Json(new { id = "c0", start = "2025-07-01T00:00:00Z", end = "2025-12-31T00:00:00Z", current = false })),
        [nameof(AdminEndpoints.RollCycle)] = ($"programs/{Program}/next-cycle", () => AdminApi.Json(new { id = "c2", reEnrolPairIds = new[] { "p1" } })),
        [nameof(AdminEndpoints.ListParticipants)] = ($"programs/{Program}/participants?pageSize=2", () => null),
        [nameof(AdminEndpoints.GetParticipant)] = ($"programs/{Program}/participants/m1", () => null),
        [nameof(AdminEndpoints.PutParticipant)] = ($"programs/{Program}/participants/m9", () => AdminApi.Json(new { name = "N", email = "n@example.com", role = "mentee", timeZone = "America/New_York" })),
        [nameof(AdminEndpoints.ErasePerson)] = ($"programs/{Program}/participants/e1", () => null),
        [nameof(AdminEndpoints.ExportPerson)] = ($"programs/{Program}/participants/m1/export", () => null),
        [nameof(AdminEndpoints.ImportParticipants)] = ($"programs/{Program}/participant-imports", () => AdminApi.Csv("id,name,email,role,timeZone\nx1,X One,x1@example.com,mentor,UTC\n")),
        [nameof(AdminEndpoints.ListPairs)] = ($"programs/{Program}/pairs", () => null),
        [nameof(AdminEndpoints.CreatePair)] = ($"programs/{Program}/pairs", () => AdminApi.Json(new { id = "p3", mentorId = "m3", menteeId = "m4" })),
        [nameof(AdminEndpoints.GetPair)] = ($"programs/{Program}/pairs/p1", () => null),
        [nameof(AdminEndpoints.PausePair)] = ($"programs/{Program}/pairs/p1/pause", () => AdminApi.Json(new { reason = "Parental leave", resumeOn = "2099-01-01" })),
        [nameof(AdminEndpoints.ResumePair)] = ($"programs/{Program}/pairs/p1/resume", () => null),
        [nameof(AdminEndpoints.EndPair)] = ($"programs/{Program}/pairs/p3/end", () => AdminApi.Json(new { reason = "Left the company" })),
        [nameof(AdminEndpoints.LogMeeting)] = ($"programs/{Program}/pairs/p1/meetings", () => AdminApi.Json(new { start = "2026-01-10T10:00:00Z", outcome = "held" })),
        [nameof(AdminEndpoints.PairTimeline)] = ($"programs/{Program}/pairs/p1/timeline", () => null),
        [nameof(AdminEndpoints.ImportPairs)] = ($"programs/{Program}/pair-imports", () => AdminApi.Csv("id,mentorId,menteeId\np4,m1,m4\n")),
        [nameof(AdminEndpoints.ProgramHealth)] = ($"programs/{Program}/health", () => null),
        [nameof(AdminEndpoints.ProgramHealthHistory)] = ($"programs/{Program}/health/history", () => null),
        [nameof(AdminEndpoints.AtRisk)] = ($"programs/{Program}/at-risk", () => null),
        [nameof(AdminEndpoints.PreviewMessage)] = ($"programs/{Program}/previews/ladder-nudge?pairId=p1", () => null),
        [nameof(AdminEndpoints.GetTemplate)] = ($"programs/{Program}/templates/ladder-nudge", () => null),
        [nameof(AdminEndpoints.PutTemplate)] = ($"programs/{Program}/templates/ladder-nudge", () => AdminApi.Json(new { subject = "{{ pair.partnerFirstName }} is waiting for a date" })),
        [nameof(AdminEndpoints.DeleteTemplate)] = ($"programs/{Program}/templates/thank-you", () => null),
        [nameof(AdminEndpoints.Outbox)] = ($"programs/{Program}/outbox", () => null),
        [nameof(AdminEndpoints.ListSubscriptions)] = ($"programs/{Program}/subscriptions", () => null),
        [nameof(AdminEndpoints.CreateSubscription)] = ($"programs/{Program}/subscriptions", () => AdminApi.Json(new { id = "s2", url = "https://hooks.example.com/x", eventTypes = new[] { "pair.at_risk" } })),
        [nameof(AdminEndpoints.DeleteSubscription)] = ($"programs/{Program}/subscriptions/s-del", () => null),
        [nameof(AdminEndpoints.SubscriptionDeliveries)] = ($"programs/{Program}/subscriptions/s1/deliveries", () => null),
        [nameof(AdminEndpoints.TestSubscription)] = ($"programs/{Program}/subscriptions/s1/test", () => null),
        [nameof(AdminEndpoints.ListCalendars)] = ($"programs/{Program}/calendars", () => null),
        [nameof(AdminEndpoints.ConnectCalendar)] = ($"programs/{Program}/calendars", () => AdminApi.Json(new { provider = "ics", pairId = "p1", resource = "http://127.0.0.1:9/new.ics" })),
        [nameof(AdminEndpoints.DisconnectCalendar)] = ($"programs/{Program}/calendars/{connectionId}", () => null),
        [nameof(AdminEndpoints.ListPoison)] = ($"queues/{QueueNames.CalendarChanges}/poison", () => null),
        [nameof(AdminEndpoints.ReplayPoison)] = ($"queues/{QueueNames.CalendarChanges}/poison/{poisonId}/replay", () => null),
        [nameof(AdminEndpoints.ListKeys)] = ("keys", () => null),
        [nameof(AdminEndpoints.CreateKey)] = ("keys", () => AdminApi.Json(new { name = "ci", programs = new[] { Program }, readOnly = true })),
        [nameof(AdminEndpoints.RevokeKey)] = ($"keys/{keyId}", () => null),
        [nameof(AdminEndpoints.OpenApiDocument)] = ("openapi.json", () => null),
    };

    [Fact]
    public void RouteTable_EveryRoute_IsAdminOrExplicitlyExcluded()
    {
        var admin = AdminEndpoints.All.Select(r => r.Endpoint.Name).ToHashSet(StringComparer.Ordinal);

        Assert.All(HttpEndpoints.All, e => Assert.True(admin.Contains(e.Name) || NotAdmin.ContainsKey(e.Name), $"{e.Name} is neither an admin route nor excluded."));
        Assert.Equal(admin.Order(StringComparer.Ordinal), Valid("", "", "").Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EveryAdminRoute_AuthMatrix_401_404_403_2xx()
    {
        await using var api = await AdminApi.StartAsync(azurite, AdminApi.LoopbackTargets); // its ICS feeds are 127.0.0.1:9
        await api.SeedProgramAsync(Program, recurring: true);
        await api.SeedProgramAsync("other");
        await api.SendAsync(HttpMethod.Post, $"programs/{Program}/subscriptions", AdminApi.Json(new { id = "s1", url = "https://hooks.example.com/a", eventTypes = new[] { "*" } }));
        await api.SendAsync(HttpMethod.Post, $"programs/{Program}/subscriptions", AdminApi.Json(new { id = "s-del", url = "https://hooks.example.com/b", eventTypes = new[] { "meeting.held" } }));
        var otherKey = (await api.SendAsync(HttpMethod.Post, "keys", AdminApi.Json(new { name = "other", programs = new[] { "other" }, readOnly = false }))).GetProperty("key").GetString();
        var readerKey = (await api.SendAsync(HttpMethod.Post, "keys", AdminApi.Json(new { name = "reader", programs = new[] { Program }, readOnly = true }))).GetProperty("key").GetString();
        var revocable = (await api.SendAsync(HttpMethod.Post, "keys", AdminApi.Json(new { name = "revoke me", programs = (string[]?)null, readOnly = true }))).GetProperty("id").GetString()!;
        var poison = api.App.Services.GetRequiredService<QueueServiceClient>().GetQueueClient(QueueNames.PoisonOf(QueueNames.CalendarChanges));
        await poison.ClearMessagesAsync();
        var parked = (await poison.SendMessageAsync("{\"deliveryId\":\"d\",\"programId\":\"x\",\"pairId\":\"y\",\"changes\":[]}")).Value.MessageId;
        // Port 9 refuses: the feed's first poll fails, and the connection is saved with that failure on its health.
        var connection = (await api.SendAsync(HttpMethod.Post, $"programs/{Program}/calendars", AdminApi.Json(new { provider = "ics", pairId = "p1", resource = "http://127.0.0.1:9/seed.ics" }))).GetProperty("id").GetString()!;
        var valid = Valid(parked, revocable, connection);
        var failures = new List<string>();

        foreach (var route in AdminEndpoints.All)
        {
            var (path, body) = valid[route.Endpoint.Name];
            var isWrite = route.Access != AdminAccess.Read;
            var wrongProgram = route.IsProgramScoped ? HttpStatusCode.NotFound : route.Access == AdminAccess.Operator ? HttpStatusCode.Forbidden : HttpStatusCode.OK;
            await Expect(api, route, path, body, key: null, HttpStatusCode.Unauthorized, failures);
            await Expect(api, route, path, body, otherKey, wrongProgram, failures);
            if (isWrite)
                await Expect(api, route, path, body, readerKey, HttpStatusCode.Forbidden, failures);
            await Expect(api, route, path, body, AdminApi.BootstrapKey, null, failures);
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static async Task Expect(AdminApi api, AdminRoute route, string path, Func<HttpContent?> body, string? key, HttpStatusCode? expected, List<string> failures)
    {
        using var client = api.Client(key);
        using var request = new HttpRequestMessage(new HttpMethod(route.Endpoint.Method), new Uri("/api/" + path, UriKind.Relative)) { Content = body() };
        using var response = await client.SendAsync(request);
        var ok = expected is { } status ? response.StatusCode == status : (int)response.StatusCode is >= 200 and < 300;
        if (!ok)
            failures.Add($"{route.Endpoint.Name} with {(key is null ? "no key" : key == AdminApi.BootstrapKey ? "bootstrap" : "key")}: {(int)response.StatusCode}, expected {(expected is null ? "2xx" : (int)expected)}: {await response.Content.ReadAsStringAsync()}");
        else if (!response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            failures.Add($"{route.Endpoint.Name}: {(int)response.StatusCode} is not problem+json");
    }
}
