using Azure.Storage.Queues;
using Mentoring.Application.Queues;
using Mentoring.LocalHost.Queues;
using Mentoring.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mentoring.Tests;

[Collection(AzuriteFixture.Collection)]
public sealed class QueuePumpTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Pump_MessageFailingFiveTimes_LandsInPoisonWithItsBody()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, DateTimeOffset.UnixEpoch);
        var queues = harness.Get<QueueServiceClient>();
        var queue = queues.GetQueueClient(QueueNames.PairEvaluations);
        var poison = queues.GetQueueClient(QueueNames.PoisonOf(QueueNames.PairEvaluations));
        await queue.SendMessageAsync("{\"evaluationId\":\"x\"}");
        var tries = 0;
        var pump = new QueuePump(queue, poison, (_, _) => { tries++; throw new InvalidOperationException("boom"); },
            new QueuePumpOptions { RetryDelay = TimeSpan.FromMilliseconds(100) }, TimeProvider.System, NullLogger.Instance);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (await harness.CountAsync(poison.Name) == 0 && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (await pump.PumpOnceAsync(default) == 0)
                await Task.Delay(50);
        }

        Assert.Equal(QueueNames.MaxDequeueCount, tries);
        Assert.Equal(0, await harness.CountAsync(queue.Name));
        var parked = (await poison.ReceiveMessageAsync()).Value;
        Assert.Equal("{\"evaluationId\":\"x\"}", parked.Body.ToString());
    }

    [Fact]
    public async Task Pump_FailedMessage_IsNotRetriedBeforeTheRetryDelay()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, DateTimeOffset.UnixEpoch);
        var queues = harness.Get<QueueServiceClient>();
        var queue = queues.GetQueueClient(QueueNames.CalendarChanges);
        await queue.SendMessageAsync("{}");
        var tries = 0;
        var pump = new QueuePump(queue, queues.GetQueueClient(QueueNames.PoisonOf(queue.Name)), (_, _) => { tries++; throw new InvalidOperationException(); },
            new QueuePumpOptions { RetryDelay = TimeSpan.FromSeconds(30) }, TimeProvider.System, NullLogger.Instance);

        for (var i = 0; i < 5; i++)
            await pump.PumpOnceAsync(default);

        Assert.Equal(1, tries);
    }

    [Fact]
    public async Task Pump_MessageOutlivingItsLease_RunsAgainElsewhereWithoutFailingThePoll()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, DateTimeOffset.UnixEpoch);
        var queues = harness.Get<QueueServiceClient>();
        var queue = queues.GetQueueClient(QueueNames.CalendarChanges);
        var poison = queues.GetQueueClient(QueueNames.PoisonOf(queue.Name));
        await queue.SendMessageAsync("{}");
        var runs = 0;
        QueuePump second = null!;
        var options = new QueuePumpOptions { LeaseTime = TimeSpan.FromSeconds(1) };
        var first = new QueuePump(queue, poison, async (_, ct) =>
        {
            // A slow run: the lease runs out, and another host takes the message meanwhile.
            if (Interlocked.Increment(ref runs) == 1)
            {
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
                Assert.Equal(1, await second.PumpOnceAsync(ct));
            }
        }, options, TimeProvider.System, NullLogger.Instance);
        second = new QueuePump(queue, poison, (_, _) => { Interlocked.Increment(ref runs); return Task.CompletedTask; }, options, TimeProvider.System, NullLogger.Instance);

        Assert.Equal(1, await first.PumpOnceAsync(default)); // its delete finds the message gone: a warning, not a throw

        Assert.Equal(2, runs);
        Assert.Equal(0, await harness.CountAsync(queue.Name));
        Assert.Equal(0, await harness.CountAsync(poison.Name));
    }
}
