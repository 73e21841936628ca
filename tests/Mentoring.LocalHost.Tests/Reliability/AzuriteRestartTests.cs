using Mentoring.Application.Email;
using Mentoring.Application.Engagement;
using Mentoring.Application.Queues;
using Mentoring.LocalHost.Azurite;
using Mentoring.LocalHost.Demo;
using Mentoring.LocalHost.Queues;
using Mentoring.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Mentoring.Tests.Reliability;

/// <summary>
/// Storage goes away in the middle of a sweep's evaluations and comes back (Azurite on disk, restarted on the same
/// ports). Afterwards every email the ladder decides is sent exactly once: none lost, none twice.
/// </summary>
public sealed class AzuriteRestartTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 8, 23, 30, 0, TimeSpan.Zero);

    private static readonly QueuePumpOptions QuickLease = new()
    {
        LeaseTime = TimeSpan.FromSeconds(3), // a message taken before the outage comes back quickly after it
        RetryDelay = TimeSpan.FromMilliseconds(200),
    };

    [Fact]
    public async Task Sweep_StorageRestartedMidway_EveryDecidedEmailSentExactlyOnce()
    {
        var expected = await EmailsWithoutFaultsAsync();
        var location = Directory.CreateTempSubdirectory("azurite-restart-").FullName;
        var azurite = await AzuriteProcess.StartAsync(new AzuriteOptions(location));
        var samePlace = new AzuriteOptions(location, azurite.BlobPort, azurite.QueuePort, azurite.TablePort);
        try
        {
            await using var harness = await PipelineHarness.StartAsync(azurite.ConnectionString, Now, services => Count(services, holdAfter: 3));
            await ActivatorUtilities.CreateInstance<DemoSeeder>(harness.Services).SeedAsync(Now, default, "restart");
            await harness.Get<SweepHandler>().RunAsync(default);
            var sender = (CountingEmailSender)harness.Get<IEmailSender>();

            var draining = harness.DrainAsync(options: QuickLease);
            await sender.Held.Task.WaitAsync(TimeSpan.FromMinutes(2)); // three emails out, the rest in flight
            await azurite.StopAsync();
            await azurite.DisposeAsync();
            await Task.Delay(TimeSpan.FromSeconds(2)); // evaluations and dispatches in flight fail against no storage
            azurite = await AzuriteProcess.StartAsync(samePlace);
            sender.Open(); // held sends go on once storage is back (a crash between send and "sent" is ADR 0003's window)
            try
            {
                await draining.WaitAsync(TimeSpan.FromMinutes(2));
            }
            catch (Exception)
            {
                // Expected when a storage call ran out of retries during the outage: the queue delivers it again.
            }

            harness.Time.Advance(ShortClaim); // the engine's clock moves on: claims taken before the outage expire
            await harness.Get<SweepHandler>().RunAsync(default); // pairs whose evaluation did not commit are still due
            await DrainUntilEmptyAsync(harness); // taken messages, claimed rows and deferred sends come back in their time

            var poisoned = 0;
            foreach (var queue in QueueNames.All)
                poisoned += await harness.CountAsync(QueueNames.PoisonOf(queue));
            Assert.Equal(0, poisoned);
            Assert.Equal(expected, sender.Sends.Keys.Order(StringComparer.Ordinal));
            Assert.All(sender.Sends, send => Assert.Equal(1, send.Value));
        }
        finally
        {
            await azurite.DisposeAsync();
            Directory.Delete(location, recursive: true);
        }
    }

    /// <summary>The same demo, same clock, on a storage that never fails: what "every decided email" is.</summary>
    private static async Task<IReadOnlyList<string>> EmailsWithoutFaultsAsync()
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        await using var harness = await PipelineHarness.StartAsync(azurite.ConnectionString, Now, services => Count(services, holdAfter: int.MaxValue));
        await ActivatorUtilities.CreateInstance<DemoSeeder>(harness.Services).SeedAsync(Now, default, "restart");
        await harness.Get<SweepHandler>().RunAsync(default);
        await harness.DrainAsync(options: QuickLease);
        var sends = ((CountingEmailSender)harness.Get<IEmailSender>()).Sends;
        Assert.True(sends.Count > 3, "the demo decides enough emails for an outage to fall in the middle");
        return [.. sends.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>Drains until no queue holds a message, visible or not (retries and deferrals wait invisibly).</summary>
    private static async Task DrainUntilEmptyAsync(PipelineHarness harness)
    {
        for (var round = 0; round < 120; round++)
        {
            await harness.DrainAsync(options: QuickLease);
            var waiting = 0;
            foreach (var queue in QueueNames.All)
                waiting += await harness.CountAsync(queue);
            if (waiting == 0)
                return;
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private static readonly TimeSpan ShortClaim = TimeSpan.FromSeconds(10); // the shortest EmailOptions allows

    private static void Count(IServiceCollection services, int holdAfter)
    {
        services.Configure<EmailOptions>(options => options.ClaimLease = ShortClaim);
        services.AddSingleton<EmlOutboxSender>();
        services.AddSingleton<IEmailSender>(provider =>
            new CountingEmailSender(provider.GetRequiredService<EmlOutboxSender>()) { HoldAfter = holdAfter });
    }
}
