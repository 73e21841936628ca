using Azure.Core.Pipeline;
using Mentoring.Application.Evaluation;
using Mentoring.Application.Outbox;
using Mentoring.LocalHost.Azurite;
using Mentoring.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Mentoring.Tests.Reliability;

/// <summary>
/// Storage goes away in the middle of the sweep itself — while it fans the due pairs out to <c>pair-evaluations</c> —
/// and comes back (Azurite on disk, same ports). The sweep either rides it out on the SDK's retries or fails, and the
/// next timer run sweeps again; afterwards every due pair has been evaluated and every decided email sent once.
/// </summary>
public sealed class SweepRestartTests(ITestOutputHelper output)
{
    private static readonly string[] Programs = ["sweep-a", "sweep-b", "sweep-c", "sweep-d", "sweep-e"];

    [Fact]
    public async Task Sweep_StorageRestartedDuringFanOut_EveryDuePairEvaluated_EveryEmailOnce()
    {
        var expected = await DemoPrograms.EmailsWithoutFaultsAsync(Programs);
        var location = Directory.CreateTempSubdirectory("azurite-sweep-restart-").FullName;
        var azurite = await AzuriteProcess.StartAsync(new AzuriteOptions(location));
        var samePlace = new AzuriteOptions(location, azurite.BlobPort, azurite.QueuePort, azurite.TablePort);
        var gate = new EvaluationSendGate(holdAt: 30);
        try
        {
            await using var harness = await PipelineHarness.StartAsync(azurite.ConnectionString, DemoPrograms.Now, services =>
            {
                DemoPrograms.Count(services);
                services.AddSingleton<HttpPipelinePolicy>(gate);
            });
            var pairs = await DemoPrograms.SeedAsync(harness, Programs);

            var sweep = harness.Get<SweepHandler>().RunAsync(default);
            await gate.Reached.Task.WaitAsync(TimeSpan.FromMinutes(1)); // 29 of the due pairs enqueued, the 30th on its way
            await azurite.StopAsync();
            await azurite.DisposeAsync();
            gate.Release(); // the held send and the rest of the fan-out meet no storage
            await Task.Delay(TimeSpan.FromSeconds(3));
            azurite = await AzuriteProcess.StartAsync(samePlace);
            string first;
            try
            {
                first = $"the interrupted sweep enqueued {(await sweep.WaitAsync(TimeSpan.FromMinutes(2))).PairsEnqueued} pairs";
            }
            catch (Exception e) when (e is not TimeoutException)
            {
                first = $"the interrupted sweep failed ({e.GetType().Name}); the next run sweeps again";
            }

            var second = await harness.Get<SweepHandler>().RunAsync(default); // the timer's next occurrence
            output.WriteLine($"{pairs} due pairs; {first}; the next sweep enqueued {second.PairsEnqueued}");
            await DemoPrograms.DrainUntilEmptyAsync(harness);

            Assert.Equal(0, await DemoPrograms.PoisonedAsync(harness));
            Assert.Empty(await DemoPrograms.UnevaluatedAsync(harness, Programs));
            var sender = (CountingEmailSender)harness.Get<IEmailSender>();
            Assert.Equal(expected, sender.Sends.Keys.Order(StringComparer.Ordinal));
            Assert.All(sender.Sends, send => Assert.Equal(1, send.Value));
        }
        finally
        {
            gate.Release();
            await azurite.DisposeAsync();
            Directory.Delete(location, recursive: true);
        }
    }
}
