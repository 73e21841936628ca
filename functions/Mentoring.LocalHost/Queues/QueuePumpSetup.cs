using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Mentoring.Application.Evaluation;
using Mentoring.Application.Ingest;
using Mentoring.Application.Integration.Subscriptions;
using Mentoring.Application.Outbox;
using Mentoring.Application.Queues;
using Microsoft.Extensions.Options;

namespace Mentoring.LocalHost.Queues;

/// <summary>The queues the local host pumps, each bound to the same handler its Function calls.</summary>
internal static class QueuePumpSetup
{
    public static WebApplicationBuilder AddQueuePump(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<QueuePumpOptions>()
            .BindConfiguration("QueuePump")
            .Validate(o => o.BatchSize is >= 1 and <= 32 && o.MaxDequeueCount >= 1, "QueuePump: BatchSize 1–32, MaxDequeueCount ≥ 1.")
            .ValidateOnStart();
        builder.Services.AddHostedService<QueuePumps>();
        return builder;
    }

    /// <summary>Queue name → how its messages are run: parsed and handed to the handler, as the Functions adapters do.</summary>
    public static IReadOnlyDictionary<string, Func<QueueMessage, CancellationToken, Task>> Bindings(IServiceProvider services)
    {
        var invocation = services.GetRequiredService<QueueInvocation>();
        var evaluate = services.GetRequiredService<EvaluatePairHandler>();
        var calendar = services.GetRequiredService<CalendarQueue>();
        var email = services.GetRequiredService<EmailDispatchHandler>();
        var webhooks = services.GetRequiredService<WebhookDeliveryHandler>();
        return new Dictionary<string, Func<QueueMessage, CancellationToken, Task>>(StringComparer.Ordinal)
        {
            [QueueNames.PairEvaluations] = (m, ct) =>
                invocation.RunAsync<EvaluatePair>(QueueNames.PairEvaluations, m.MessageId, m.Body.ToString(), evaluate.HandleAsync, ct),
            [QueueNames.CalendarChanges] = (m, ct) => calendar.RunAsync(m.MessageId, m.Body.ToString(), ct),
            [QueueNames.OutboundEmail] = (m, ct) =>
                invocation.RunAsync<SendEmail>(QueueNames.OutboundEmail, m.MessageId, m.Body.ToString(), email.HandleAsync, ct),
            [QueueNames.WebhookDeliveries] = (m, ct) =>
                invocation.RunAsync<WebhookDeliveryMessage>(QueueNames.WebhookDeliveries, m.MessageId, m.Body.ToString(), webhooks.HandleAsync, ct),
        };
    }

    private sealed class QueuePumps(IServiceProvider services, QueueServiceClient queues, IOptions<QueuePumpOptions> options, TimeProvider time, ILoggerFactory loggers)
        : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken)
        {
            var logger = loggers.CreateLogger<QueuePump>();
            var pumps = Bindings(services).Select(b => new QueuePump(
                queues.GetQueueClient(b.Key), queues.GetQueueClient(QueueNames.PoisonOf(b.Key)), b.Value, options.Value, time, logger));
            return Task.WhenAll(pumps.Select(p => p.RunAsync(stoppingToken)));
        }
    }
}
