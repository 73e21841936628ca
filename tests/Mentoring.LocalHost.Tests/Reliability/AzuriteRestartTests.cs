using Mentoring.Application.Evaluation;
using Mentoring.Application.Outbox;
using Mentoring.LocalHost.Azurite;
using Mentoring.Testing;

namespace Mentoring.Tests.Reliability;

/// <summary>
/// Storage goes away in the middle of a sweep's evaluations and comes back (Azurite on disk, restarted on the same
/// ports). Afterwards every email the ladder decides is sent exactly once: none lost, none twice.
/// </summary>
public sealed class AzuriteRestartTests
{
    private static readonly string[] Programs = ["restart"];

    [Fact]
    public async Task Sweep_StorageRestartedMidway_EveryDecidedEmailSentExactlyOnce()
    {
        var expected = await DemoPrograms.EmailsWithoutFaultsAsync(Programs);
        var location = Directory.CreateTempSubdirectory("azurite-restart-").FullName;
        var azurite = await AzuriteProcess.StartAsync(new AzuriteOptions(location));
        var samePlace = new AzuriteOptions(location, azurite.BlobPort, azurite.QueuePort, azurite.TablePort);
        try
        {
            await using var harness = await PipelineHarness.StartAsync(azurite.ConnectionString, DemoPrograms.Now, services => DemoPrograms.Count(services, holdAfter: 3));
            await DemoPrograms.SeedAsync(harness, Programs);
            await harness.Get<SweepHandler>().RunAsync(default);
            var sender = (CountingEmailSender)harness.Get<IEmailSender>();

            var draining = harness.DrainAsync(options: DemoPrograms.QuickLease);
            await sender.Held.Task.WaitAsync(TimeSpan.FromMinutes(2)); // three emails out, the rest in flight
            await azurite.StopAsync();
            await azurite.DisposeAsync();
            await Task.Delay(TimeSpan.FromSeconds(2)); // evaluations and dispatches in flight fail against no storage
            azurite = await AzuriteProcess.StartAsync(samePlace);
            sender.Open(); // held sends go on once storage is back (a crash between send and "sent" is ADR 0003's window)
            try
            {
                // The drain must have ended before the clock moves past the claim lease: a dispatcher still between
                // "accepted" and its Sent write would otherwise see its claim taken over, and the test, not the
                // product, would send twice.
                await draining.WaitAsync(TimeSpan.FromMinutes(5));
            }
            catch (Exception e) when (e is not TimeoutException)
            {
                // Expected when a storage call ran out of retries during the outage: the queue delivers it again.
            }

            harness.Time.Advance(DemoPrograms.ShortClaim); // the engine's clock moves on: claims taken before the outage expire
            await harness.Get<SweepHandler>().RunAsync(default); // pairs whose evaluation did not commit are still due
            await DemoPrograms.DrainUntilEmptyAsync(harness); // taken messages, claimed rows and deferred sends come back in their time

            Assert.Equal(0, await DemoPrograms.PoisonedAsync(harness));
            Assert.Equal(expected, sender.Sends.Keys.Order(StringComparer.Ordinal));
            Assert.All(sender.Sends, send => Assert.Equal(1, send.Value));
        }
        finally
        {
            await azurite.DisposeAsync();
            Directory.Delete(location, recursive: true);
        }
    }
}
