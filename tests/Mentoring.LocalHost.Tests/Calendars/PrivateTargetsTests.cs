using System.Net;
using System.Text.Json;
using Mentoring.Application.Outbound;
using Mentoring.Testing;
using Mentoring.Tests.Calendars.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Mentoring.Tests.Calendars;

/// <summary>
/// URLs an admin gives us — ICS feeds, integration subscriptions — through the admin API of the local host as deployed
/// (no <c>Network:AllowPrivateTargets</c>): loopback, private, link-local and the like are answered 400 before anything
/// is saved or fetched, and a redirect there during the first fetch is refused as well.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class PrivateTargetsTests(AzuriteFixture azurite)
{
    private const string Calendars = $"programs/{WebhookHost.ProgramId}/calendars";
    private const string Subscriptions = $"programs/{WebhookHost.ProgramId}/subscriptions";

    /// <summary>Non-public targets, written as people write them (and as people trying to get around a check do).</summary>
    public static TheoryData<string> Inside { get; } =
    [
        "http://127.0.0.1:9/pair.ics",
        "http://localhost:9/pair.ics",
        "http://127.1/pair.ics",
        "http://2130706433/pair.ics",
        "http://0x7f000001/pair.ics",
        "http://[::1]/pair.ics",
        "http://[::ffff:127.0.0.1]/pair.ics",
        "http://[0:0:0:0:0:ffff:a9fe:a9fe]/latest/meta-data",
        "http://169.254.169.254/metadata/instance?api-version=2021-02-01",
        "https://10.0.0.4/pair.ics",
        "https://192.168.1.1/pair.ics",
        "https://[fd00::7]/pair.ics",
        "http://0.0.0.0:7071/api/health",
        "https://calendar.example.com@127.0.0.1/pair.ics",
        "https://224.0.0.251/pair.ics",
        "http://127.0.0.1.:9/pair.ics",
        "https://localhost.:9/pair.ics",
        "https://feeds.localhost/pair.ics",
    ];

    [Theory]
    [MemberData(nameof(Inside))]
    public async Task ConnectIcs_NonPublicFeed_400ProblemNothingSaved(string url)
    {
        await using var host = await StartAsync();

        using var response = await host.AdminAsync(HttpMethod.Post, Calendars, new { provider = "ics", pairId = WebhookHost.PairId, resource = url });

        await AssertRefusedAsync(response, "resource");
        Assert.Empty((await JsonAsync(await host.AdminAsync(HttpMethod.Get, Calendars))).GetProperty("items").EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(Inside))]
    public async Task CreateSubscription_NonPublicUrl_400ProblemNothingSaved(string url)
    {
        await using var host = await StartAsync();

        using var response = await host.AdminAsync(HttpMethod.Post, Subscriptions, new { id = "inside", url = url.Replace("http://", "https://", StringComparison.Ordinal), eventTypes = new[] { "*" } });

        await AssertRefusedAsync(response, "url");
        Assert.Empty((await JsonAsync(await host.AdminAsync(HttpMethod.Get, Subscriptions))).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task ConnectIcs_LoopbackFeedServer_NeverReached()
    {
        await using var feed = await LoopbackServer.StartAsync((context, _) => context.Response.WriteAsync("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"));
        await using var host = await StartAsync();

        using var response = await host.AdminAsync(HttpMethod.Post, Calendars, new { provider = "ics", pairId = WebhookHost.PairId, resource = new Uri(feed.BaseUri, "pair.ics").AbsoluteUri });

        await AssertRefusedAsync(response, "resource");
        Assert.Empty(feed.Received);
    }

    [Fact]
    public async Task ConnectIcs_FirstFetchRedirectedToLoopback_400ProblemConnectionNotKept()
    {
        // The feed server's own address (127.0.0.1) stands in for a public one; the redirect names another loopback address.
        await using var feed = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = $"http://127.0.0.2:{context.Request.Host.Port}/inside.ics";
            return Task.CompletedTask;
        });
        var onlyTheFeedServer = new TargetRule(a => a.Equals(IPAddress.Loopback) ? null : AddressClassifier.RefusalOf(a));
        await using var host = await StartAsync(services => services.AddSingleton(onlyTheFeedServer));

        using var response = await host.AdminAsync(HttpMethod.Post, Calendars, new { provider = "ics", pairId = WebhookHost.PairId, resource = new Uri(feed.BaseUri, "pair.ics").AbsoluteUri });

        await AssertRefusedAsync(response, "resource");
        Assert.Equal(["/pair.ics"], feed.Received.Select(r => r.Path));
        Assert.Empty((await JsonAsync(await host.AdminAsync(HttpMethod.Get, Calendars))).GetProperty("items").EnumerateArray());
        Assert.Empty(await host.LedgerAsync());
    }

    [Fact]
    public async Task ConnectIcs_PrivateTargetsAllowed_LoopbackFeedServerIsRead()
    {
        await using var feed = await LoopbackServer.StartAsync(async (context, _) =>
        {
            context.Response.ContentType = "text/calendar";
            await context.Response.WriteAsync(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "weekly-moves-cancels.ics")));
        });
        await using var host = await StartAsync(settings: WebhookHost.LoopbackTargets);

        using var response = await host.AdminAsync(HttpMethod.Post, Calendars, new { provider = "ics", pairId = WebhookHost.PairId, resource = new Uri(feed.BaseUri, "pair.ics").AbsoluteUri });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Single(feed.Received);
        Assert.NotEmpty(await host.LedgerAsync());
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var reason = Assert.Single(JsonDocument.Parse(text).RootElement.GetProperty("errors").GetProperty(field).EnumerateArray()).GetString();
        Assert.Contains("only public addresses", reason, StringComparison.Ordinal);
    }

    private async Task<WebhookHost> StartAsync(Action<IServiceCollection>? services = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var host = await WebhookHost.StartAsync(azurite, settings: settings, services: services);
        await host.AdminAsync(HttpMethod.Delete, $"{Subscriptions}/inside");
        await host.EnsureProgramAsync();
        return host;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
