using System.Net.Http.Headers;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Mentoring.Application.Admin;
using Mentoring.Application.Queues;
using Mentoring.Testing;
using Mentoring.Tests.Admin;
using Mentoring.Tests.Calendars.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Mentoring.Tests.Reliability;

/// <summary>
/// Every admin route with a valid key, through the local host on Kestrel: its valid request, then mutated JSON and CSV
/// bodies, wrong content types, odd query strings and headers, huge bodies and odd path segments. Nothing answers 5xx;
/// every 4xx is problem+json; no refused input leaves its marker in any table or queue.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class AdminFuzzTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const string Program = "fuzz";
    private const int PerRoute = 48;

    [Fact]
    public async Task EveryAdminRoute_FuzzedWithValidKey_No5xx_RefusalsAreProblemJson_NothingStoredFromRefusals()
    {
        await using var api = await AdminApi.StartAsync(azurite, AdminApi.LoopbackTargets); // its ICS feeds are 127.0.0.1:9
        await api.SeedProgramAsync(Program, recurring: true);
        await api.SendAsync(HttpMethod.Post, $"programs/{Program}/subscriptions", AdminApi.Json(new { id = "s1", url = "https://hooks.example.com/a", eventTypes = new[] { "*" } }));
        await api.SendAsync(HttpMethod.Post, $"programs/{Program}/subscriptions", AdminApi.Json(new { id = "s-del", url = "https://hooks.example.com/b", eventTypes = new[] { "meeting.held" } }));
        var revocable = (await api.SendAsync(HttpMethod.Post, "keys", AdminApi.Json(new { name = "revoke me", programs = (string[]?)null, readOnly = true }))).GetProperty("id").GetString()!;
        var poison = api.App.Services.GetRequiredService<QueueServiceClient>().GetQueueClient(QueueNames.PoisonOf(QueueNames.CalendarChanges));
        var parked = (await poison.SendMessageAsync("{\"deliveryId\":\"d\",\"programId\":\"x\",\"pairId\":\"y\",\"changes\":[]}")).Value.MessageId;
        // Port 9 refuses: the feed's first poll fails and the connection is saved with that failure on its health.
        var connection = (await api.SendAsync(HttpMethod.Post, $"programs/{Program}/calendars", AdminApi.Json(new { provider = "ics", pairId = "p1", resource = "http://127.0.0.1:9/seed.ics" }))).GetProperty("id").GetString()!;
        var valid = AuthMatrixTests.Valid(parked, revocable, connection);
        using var client = api.Client();
        client.Timeout = TimeSpan.FromSeconds(30);

        var inputs = new AdminFuzzInputs(seed: 20260327);
        var accepted = new HashSet<int>();
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var n = 0;
        foreach (var route in AdminEndpoints.All)
        {
            var (path, body) = valid[route.Endpoint.Name];
            using var content = body();
            var bytes = content is null ? null : await content.ReadAsByteArrayAsync();
            var type = content?.Headers.ContentType?.MediaType;
            foreach (var input in inputs.For(route.Endpoint.Method, path.Replace($"programs/{AuthMatrixTests.Program}", $"programs/{Program}", StringComparison.Ordinal), bytes, type, n, PerRoute))
            {
                var status = await SendAsync(client, input, route.Endpoint.Name, failures);
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                if (status is >= 200 and < 300)
                    accepted.Add(n);
                n++;
            }
        }

        var stored = await StoredMarkers.FindAsync(api.App.Services.GetRequiredService<TableServiceClient>(), api.App.Services.GetRequiredService<QueueServiceClient>());
        output.WriteLine($"{n} inputs over {AdminEndpoints.All.Count} routes; {string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}"))}; markers stored {stored.Count} (all from 2xx inputs: {stored.IsSubsetOf(accepted)})");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(40)));
        Assert.Empty(stored.Except(accepted).Select(StoredMarkers.Of));
        Assert.NotEmpty(stored); // valid inputs were stored, so the search does find markers
    }

    /// <summary>
    /// As deployed (no Network:AllowPrivateTargets): ICS feeds and subscription URLs that lead inside, in many spellings
    /// and mutated, are refused — the known ones 400 problem+json —, nothing answers 5xx, and a loopback server that the
    /// loopback spellings name never receives a request, neither on connect nor on a subscription's test delivery.
    /// </summary>
    [Fact]
    public async Task PrivateTargets_DisallowedAsDeployed_FuzzedUrls_No5xx_KnownOnes400_LoopbackNeverReached()
    {
        await using var inside = await LoopbackServer.StartAsync((context, _) => context.Response.WriteAsync("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"));
        await using var api = await AdminApi.StartAsync(azurite);
        const string program = "fuzz-inside";
        await api.SeedProgramAsync(program);
        using var client = api.Client();
        client.Timeout = TimeSpan.FromSeconds(60);
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var created = new List<string>();
        var n = 0;
        foreach (var (url, known) in new PrivateTargetUrls(seed: 20261203, port: inside.BaseUri.Port).All(mutated: 80))
        {
            var id = $"fz{n++}";
            var bodies = new (string Path, string Field, object Body)[]
            {
                ($"programs/{program}/calendars", "resource", new { provider = "ics", pairId = "p1", resource = url }),
                ($"programs/{program}/subscriptions", "url", new { id, url, eventTypes = new[] { "*" } }),
            };
            foreach (var (path, field, body) in bodies)
            {
                using var content = AdminApi.Json(body);
                var input = new FuzzInput("POST", path, await content.ReadAsByteArrayAsync(), "application/json", [], known ? "known inside " + field : "mutated " + field);
                var status = await SendAsync(client, input, url, failures);
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                if (known && status != 400)
                    failures.Add($"{input.Kind} {url}: {status}, not 400");
                if (status is >= 200 and < 300 && field == "url")
                    created.Add(id);
            }
        }

        foreach (var id in created)
        {
            var input = new FuzzInput("POST", $"programs/{program}/subscriptions/{id}/test", null, null, [], "test delivery");
            var status = await SendAsync(client, input, id, failures);
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
        }

        output.WriteLine($"{n} URLs, {created.Count} subscriptions accepted; {string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}"))}");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(40)));
        Assert.Empty(inside.Received);
    }

    private static async Task<int> SendAsync(HttpClient client, FuzzInput input, string route, List<string> failures)
    {
        using var request = new HttpRequestMessage(new HttpMethod(input.Method), new Uri("/api/" + input.Path, UriKind.Relative));
        if (input.Body is not null)
        {
            request.Content = new ByteArrayContent(input.Body);
            if (input.ContentType is not null)
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(input.ContentType);
        }

        foreach (var (name, value) in input.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
                request.Content?.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await client.SendAsync(request);
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        if (status >= 500)
            failures.Add($"{route} {input.Kind} {input.Method} /api/{Shorten(input.Path)}: {status} {Shorten(text)}");
        else if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json"
                 && !KestrelRefusal.Is(input.Path, status, response.Content.Headers.ContentType?.MediaType, text))
            failures.Add($"{route} {input.Kind} {input.Method} /api/{Shorten(input.Path)}: {status} is {response.Content.Headers.ContentType?.MediaType ?? "no content type"}");
        return status;
    }

    private static string Shorten(string text) => text.Length > 200 ? text[..200] + "…" : text;
}
