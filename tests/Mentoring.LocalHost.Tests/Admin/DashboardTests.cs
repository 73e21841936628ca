using System.Diagnostics;
using Azure.Storage.Queues;
using Mentoring.Application.Engagement;
using Mentoring.Application.Queues;
using Mentoring.LocalHost.Demo;
using Mentoring.LocalHost.Queues;
using Mentoring.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mentoring.Tests.Admin;

[Collection(AzuriteFixture.Collection)]
public sealed class DashboardTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Dashboard_OverDemoProgram_ScreenshotInATempFolder()
    {
        await using var api = await AdminApi.StartAsync(azurite);
        var services = api.App.Services;
        await ActivatorUtilities.CreateInstance<DemoSeeder>(services).SeedAsync(TimeProvider.System.GetUtcNow(), default);
        await services.GetRequiredService<SweepHandler>().RunAsync(default);
        var queues = services.GetRequiredService<QueueServiceClient>();
        var pumps = QueuePumpSetup.Bindings(services).Select(b => new QueuePump(queues.GetQueueClient(b.Key), queues.GetQueueClient(QueueNames.PoisonOf(b.Key)), b.Value,
            new QueuePumpOptions { RetryDelay = TimeSpan.FromMilliseconds(200) }, TimeProvider.System, NullLogger.Instance)).ToList();
        for (var round = 0; round < 100 && (await Task.WhenAll(pumps.Select(p => p.PumpOnceAsync(default)))).Sum() > 0; round++)
        {
        }

        var chromium = await ChromiumAsync();
        // Never into docs/: a test leaves the repository as it found it.
        var shot = Path.Combine(Directory.CreateTempSubdirectory("dashboard-").FullName, "dashboard.png");
        var profile = Directory.CreateTempSubdirectory("chromium-").FullName;
        var url = new Uri(api.Address, $"/api/dashboard?program={DemoSeeder.ProgramId}");
        using var process = Process.Start(new ProcessStartInfo(chromium,
            ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", "--hide-scrollbars", "--window-size=1400,1000",
             "--virtual-time-budget=8000", $"--screenshot={shot}", url.AbsoluteUri])
        { RedirectStandardError = true, RedirectStandardOutput = true })!;
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(File.Exists(shot) && new FileInfo(shot).Length > 10_000, "No screenshot: " + await process.StandardError.ReadToEndAsync());
    }

    /// <summary>Debian's chromium; installed with apt when missing (CI runs as root).</summary>
    private static async Task<string> ChromiumAsync()
    {
        foreach (var candidate in new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" })
        {
            if (File.Exists(candidate))
                return candidate;
        }

        using var apt = Process.Start("apt-get", "install -y chromium")!;
        await apt.WaitForExitAsync();
        return "/usr/bin/chromium";
    }
}
