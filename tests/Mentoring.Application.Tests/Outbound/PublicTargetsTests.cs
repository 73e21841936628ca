using System.Net;
using Mentoring.Application.Outbound;
using Mentoring.Tests.Calendars.Support;
using Microsoft.AspNetCore.Http;

namespace Mentoring.Tests.Outbound;

/// <summary>The handler the ICS-feed and subscription clients use, against a real loopback server.</summary>
public sealed class PublicTargetsTests
{
    /// <summary>Only the test server's own address: tells it apart from another loopback address a redirect names.</summary>
    private static readonly TargetRule OnlyServer = new(a => a.Equals(IPAddress.Loopback) ? null : AddressClassifier.RefusalOf(a));

    private static HttpClient Client(TargetRule rule) => new(PublicTargets.Handler(rule)) { Timeout = TimeSpan.FromSeconds(30) };

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")] // a name that resolves to loopback
    public async Task Get_LoopbackServer_RefusedBeforeAnythingIsSent(string host)
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => context.Response.WriteAsync("BEGIN:VCALENDAR"));
        using var client = Client(TargetRule.Public);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new UriBuilder(server.BaseUri) { Host = host, Path = "/feed.ics" }.Uri));

        Assert.True(RefusedTargetException.IsIn(error));
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task Get_RedirectToAnotherLoopbackAddress_RefusedAtTheRedirect()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = $"http://127.0.0.2:{context.Request.Host.Port}/inside.ics";
            return Task.CompletedTask;
        });
        using var client = Client(OnlyServer);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri(server.BaseUri, "feed.ics")));

        Assert.True(RefusedTargetException.IsIn(error));
        Assert.Equal(["/feed.ics"], server.Received.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task Get_PrivateTargetsAllowed_LoopbackServerAnswers()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => context.Response.WriteAsync("BEGIN:VCALENDAR"));
        using var client = Client(TargetRule.Any);

        Assert.Equal("BEGIN:VCALENDAR", await client.GetStringAsync(new Uri(server.BaseUri, "feed.ics")));
    }

    [Theory]
    [InlineData("http://169.254.169.254/metadata/instance", "link-local")]
    [InlineData("https://[::ffff:127.0.0.1]/x", "loopback")]
    [InlineData("https://[fd00::1]/x", "private")]
    [InlineData("http://0.0.0.0:8080/", "unspecified")]
    [InlineData("http://localhost:9/", "loopback")]
    [InlineData("https://203.0.113.10/x", null)] // public as far as the rule goes (documentation range, never routed)
    [InlineData("https://feeds.invalid/pair.ics", null)] // does not resolve now: the connect-time check decides
    public async Task Check_NamesTheRefusedClass(string url, string? expected) =>
        Assert.Equal(expected, await PublicTargets.CheckAsync(new Uri(url), TargetRule.Public, default));

    [Fact]
    public async Task Check_PrivateTargetsAllowed_Nothing() =>
        Assert.Null(await PublicTargets.CheckAsync(new Uri("http://127.0.0.1:9/"), TargetRule.Any, default));
}
