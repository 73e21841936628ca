using Mentoring.Application.Hosting;
using Mentoring.Application.Links;
using Mentoring.Testing;
using Mentoring.Tests.Admin;
using Mentoring.Tests.Calendars.Support;
using Mentoring.Tests.Email;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mentoring.Tests.Logging;

/// <summary>
/// Issue 16 item 9: what is secret in a URL stays out of the logs, with every category logging at Trace. A private ICS
/// feed's path and query, a webhook subscriber's path (fetched and called for real, on loopback servers), and the
/// signed tokens of check-in and unsubscribe links (followed with GET and POST, valid and tampered).
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class SecretsInLogsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task OutboundRequests_FeedAndSubscriberPaths_NotLogged_OriginIs()
    {
        const string FeedSecret = "private-5f0c9a1e7b2d4c68";
        const string QuerySecret = "q-8d1f3b7a";
        const string HookSecret = "hook-3c9e0b5f1a7d";
        var logs = new CapturedLogs();
        await using var server = await LoopbackServer.StartAsync((context, _) => context.Request.Path.Value!.EndsWith(".ics", StringComparison.Ordinal)
            ? context.Response.WriteAsync("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//secrets//EN\r\nEND:VCALENDAR\r\n")
            : Task.CompletedTask);
        var settings = new Dictionary<string, string>(CapturedLogs.Verbose) { ["Network:AllowPrivateTargets"] = "true" }; // the servers are loopback
        await using var host = await EmailHost.StartAsync(Now, settings, services => services.AddSingleton<ILoggerProvider>(logs));
        await host.Api.SeedProgramAsync("secrets");

        var feed = new Uri(server.BaseUri, $"calendar/ical/ana%40example.com/{FeedSecret}/basic.ics?key={QuerySecret}");
        await host.Api.SendAsync(HttpMethod.Post, "programs/secrets/calendars", AdminApi.Json(new { provider = "ics", pairId = "p1", resource = feed.AbsoluteUri }));
        var hook = new Uri(server.BaseUri, $"services/T0001/B0002/{HookSecret}");
        await host.Api.SendAsync(HttpMethod.Post, "programs/secrets/subscriptions", AdminApi.Json(new { id = "hook", url = hook.AbsoluteUri, eventTypes = new[] { "*" } }));
        await host.Api.SendAsync(HttpMethod.Post, "programs/secrets/subscriptions/hook/test");
        await host.DrainAsync();

        Assert.Contains(server.Received, r => r.Path.Contains(FeedSecret, StringComparison.Ordinal)); // the feed was fetched
        Assert.Contains(server.Received, r => r.Path.Contains(HookSecret, StringComparison.Ordinal)); // the subscriber was called
        Assert.Empty(logs.Containing(FeedSecret, QuerySecret, HookSecret, "/calendar/ical/", "/services/T0001"));
        Assert.Contains(logs.Lines, l => l.Contains("HTTP GET " + server.BaseUri.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal));
    }

    [Fact]
    public async Task LinkRequests_Tokens_NotLogged()
    {
        var logs = new CapturedLogs();
        await using var host = await EmailHost.StartAsync(Now, CapturedLogs.Verbose, services => services.AddSingleton<ILoggerProvider>(logs));
        await host.Api.SeedProgramAsync("tokens");
        var signer = host.Api.App.Services.GetRequiredService<LinkSigner>();
        var expires = Now.AddDays(30);
        var checkIn = signer.Sign(new LinkClaims(LinkPurpose.Met, "tokens", "p1", "tokens/p1/secrets-test", "mentor:m1", expires));
        var unsubscribe = signer.Sign(new LinkClaims(LinkPurpose.Unsubscribe, "tokens", "p1", "tokens/p1/secrets-test", "mentee:m2", expires));
        var tampered = checkIn[..^4] + (checkIn[^4..] == "AAAA" ? "BBBB" : "AAAA");
        using var client = host.Api.Client(key: null);

        var statuses = new List<int>();
        foreach (var path in new[] { $"{Routes.CheckInPrefix}/{checkIn}", $"{Routes.UnsubscribePrefix}/{unsubscribe}", $"{Routes.CheckInPrefix}/{tampered}" })
        {
            using (var page = await client.GetAsync(new Uri("/api/" + path, UriKind.Relative)))
                statuses.Add((int)page.StatusCode);
            using var post = await client.PostAsync(new Uri("/api/" + path, UriKind.Relative), new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
            statuses.Add((int)post.StatusCode);
        }

        Assert.Equal([200, 200, 200, 200], statuses.Take(4)); // the valid links worked
        Assert.All(statuses.Skip(4), s => Assert.InRange(s, 400, 499)); // the tampered one did not
        Assert.NotEmpty(logs.Lines); // the host did log (Trace everywhere), only not the tokens
        Assert.Empty(logs.Containing(checkIn, unsubscribe, tampered, checkIn[..24], unsubscribe[..24]));
    }
}
