using Azure.Storage.Queues.Models;
using Mentoring.Application.Evaluation;
using Mentoring.Application.Outbox;
using Mentoring.Application.Queues;
using Mentoring.Functions.Evaluation;
using Mentoring.Functions.Hosting;
using Mentoring.Functions.Outbox;
using Mentoring.LocalHost.Demo;
using Mentoring.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Mentoring.Tests;

/// <summary>The Functions adapters, called directly (no `func` here), over the same handlers against Azurite.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class FunctionAdapterTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Functions_SweepThenQueueTriggers_SendTheDemoEmails()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
        await ActivatorUtilities.CreateInstance<DemoSeeder>(harness.Services).SeedAsync(harness.Time.GetUtcNow(), default, "demo-functions");
        var evaluate = new EvaluatePairFunction(harness.Get<QueueInvocation>(), harness.Get<EvaluatePairHandler>());
        var email = new OutboundEmailFunction(harness.Get<QueueInvocation>(), harness.Get<EmailDispatchHandler>());
        var queues = harness.Get<MessageQueues>();

        await new SweepFunction(harness.Get<SweepHandler>()).Run(new TimerInfo(), default);
        await foreach (var message in TakeAllAsync(queues, QueueNames.PairEvaluations))
            await evaluate.Run(message, default);
        await foreach (var message in TakeAllAsync(queues, QueueNames.OutboundEmail))
            await email.Run(message, default);

        Assert.NotEmpty(harness.Emails());
    }

    [Fact]
    public async Task HealthFunction_Run_IsOk()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, DateTimeOffset.UnixEpoch);
        var context = new DefaultHttpContext { RequestServices = harness.Services };

        var result = await HealthFunction.Run(context.Request);

        Assert.Equal(StatusCodes.Status200OK, Assert.IsAssignableFrom<IStatusCodeHttpResult>(result).StatusCode);
    }

    private static async IAsyncEnumerable<QueueMessage> TakeAllAsync(MessageQueues queues, string queue)
    {
        var client = queues.Client(queue);
        while (true)
        {
            QueueMessage[] batch = await client.ReceiveMessagesAsync(32);
            if (batch.Length == 0)
                yield break;
            foreach (var message in batch)
            {
                yield return message;
                await client.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }
}
