using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Mentoring.LocalHost.Demo;
using Mentoring.LocalHost.Hosting;
using Mentoring.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mentoring.Acceptance.Tests.Demo;

/// <summary>
/// <c>--demo</c> says what to do next: the dashboard, the outbox folder, and three curl commands — run here with the
/// real curl, exactly as printed, against the demo host.
/// </summary>
public sealed class DemoGuideTests : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();

    public Task InitializeAsync() => _azurite.InitializeAsync();

    public Task DisposeAsync() => _azurite.DisposeAsync();

    [Fact]
    public async Task Demo_PrintsWhereToLook_AndThreeCurlCommandsThatWork()
    {
        var outbox = Directory.CreateTempSubdirectory("mentoring-demo-outbox-").FullName;
        var guide = new GuideText();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls($"http://127.0.0.1:{FreePort()}");
        builder.Configuration["AzureWebJobsStorage"] = _azurite.ConnectionString;
        builder.Configuration["Email:OutboxDirectory"] = outbox;
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(new DemoSetup.GuideWriter(guide));
        await builder.AddLocalHostAsync(demo: true);
        await using var app = builder.Build();
        app.UseLocalHost();
        await app.StartAsync();
        try
        {
            var text = await guide.WaitAsync(TimeSpan.FromMinutes(2));
            Assert.Contains("/api/dashboard?program=demo  (paste the admin key into its key field)", text, StringComparison.Ordinal);
            Assert.DoesNotContain("#key=", text, StringComparison.Ordinal); // the page reads no key from its URL
            Assert.Matches(@"Admin key:  demo-[0-9a-f]{48}  \(made for this run", text);
            Assert.Contains("Outbox:     " + outbox, text, StringComparison.Ordinal);

            var curls = text.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("curl ", StringComparison.Ordinal)).ToList();
            Assert.Equal(3, curls.Count);
            var health = JsonDocument.Parse(await CurlAsync(curls[0])).RootElement;
            Assert.Equal(JsonValueKind.Object, health.ValueKind);
            // The guide comes once the sweep has fanned the pairs out; their evaluations land within seconds.
            var atRisk = await CurlAsync(curls[1]);
            for (var tries = 0; !atRisk.Contains("pair-dormant-01", StringComparison.Ordinal) && tries < 60; tries++)
            {
                Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(atRisk).RootElement.ValueKind);
                await Task.Delay(TimeSpan.FromSeconds(1));
                atRisk = await CurlAsync(curls[1]);
            }

            Assert.Contains("pair-dormant-01", atRisk, StringComparison.Ordinal);
            var timeline = JsonDocument.Parse(await CurlAsync(curls[2])).RootElement;
            Assert.Equal(DemoGuide.TimelinePair, timeline.GetProperty("pairId").GetString());
            Assert.NotEmpty(timeline.GetProperty("ledger").EnumerateArray());
        }
        finally
        {
            await app.StopAsync();
            Directory.Delete(outbox, recursive: true);
        }
    }

    /// <summary>Runs the line in a shell, as a person pasting it would; fails on a non-zero exit or an HTTP error.</summary>
    private static async Task<string> CurlAsync(string command)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command.Replace("curl -s ", "curl -sS --fail-with-body ", StringComparison.Ordinal));
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{command} → exit {process.ExitCode}: {error} {output}");
        return output;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Collects what the demo writes, and tells when its guide is complete.</summary>
    private sealed class GuideText : StringWriter
    {
        private readonly TaskCompletionSource<string> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override Task WriteAsync(string? value)
        {
            _done.TrySetResult(value ?? "");
            return Task.CompletedTask;
        }

        public async Task<string> WaitAsync(TimeSpan timeout) => await _done.Task.WaitAsync(timeout);
    }
}
