using System.Net;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Mentoring.Application.Queues;

namespace Mentoring.LocalHost.Queues;

/// <summary>The Functions QueueTrigger's rules, as host.json sets them.</summary>
internal sealed class QueuePumpOptions
{
    /// <summary>Messages taken and run concurrently per poll (host.json <c>batchSize</c>).</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>Tries before a message goes to <c>{queue}-poison</c> (host.json <c>maxDequeueCount</c>).</summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>How long a failed message stays invisible before its next try (host.json <c>visibilityTimeout</c>).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a message being run stays invisible to other pumps.</summary>
    public TimeSpan LeaseTime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest wait between polls of an empty queue (backing off from 100 ms).</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>
/// Pumps one queue the way the Functions host does: a batch at a time; a handled message is deleted; a failed one is
/// made visible again after <see cref="QueuePumpOptions.RetryDelay"/> (no hot loop) until its 5th try fails, when it is
/// copied to <c>{queue}-poison</c> and deleted. Empty polls back off.
/// </summary>
internal sealed partial class QueuePump(
    QueueClient queue,
    QueueClient poison,
    Func<QueueMessage, CancellationToken, Task> handle,
    QueuePumpOptions options,
    TimeProvider time,
    ILogger logger)
{
    public string QueueName => queue.Name;

    public async Task RunAsync(CancellationToken ct)
    {
        var idle = TimeSpan.FromMilliseconds(100);
        while (!ct.IsCancellationRequested)
        {
            int handled;
            try
            {
                handled = await PumpOnceAsync(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPollFailed(e, queue.Name);
                handled = 0;
            }

            if (handled > 0)
            {
                idle = TimeSpan.FromMilliseconds(100);
                continue;
            }

            await Task.Delay(idle, time, ct).ContinueWith(_ => { }, TaskScheduler.Default);
            idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, options.MaxPollingInterval.Ticks));
        }
    }

    /// <summary>Takes one batch and runs it; returns how many messages it took.</summary>
    public async Task<int> PumpOnceAsync(CancellationToken ct)
    {
        QueueMessage[] batch = await queue.ReceiveMessagesAsync(options.BatchSize, options.LeaseTime, ct);
        await Task.WhenAll(batch.Select(m => RunOneAsync(m, ct)));
        return batch.Length;
    }

    private async Task RunOneAsync(QueueMessage message, CancellationToken ct)
    {
        if (message.DequeueCount > options.MaxDequeueCount)
        {
            // A host died while running it on its last try: it already had every try it gets.
            await ParkAsync(message, ct);
            return;
        }

        try
        {
            await handle(message, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            if (message.DequeueCount >= options.MaxDequeueCount)
            {
                LogPoisoned(e, queue.Name, message.MessageId, message.DequeueCount);
                await ParkAsync(message, ct);
            }
            else
            {
                LogFailed(e, queue.Name, message.MessageId, message.DequeueCount);
                await UnlessLeaseLostAsync(message, () => queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: options.RetryDelay, cancellationToken: ct));
            }

            return;
        }

        await UnlessLeaseLostAsync(message, () => queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct));
    }

    /// <summary>
    /// A 404 on a message we hold means its lease ran out while it ran (a slow storage account): another receive holds
    /// it now and runs it again, which the handlers allow. That is worth a warning, not a failed poll and a back-off.
    /// </summary>
    private async Task UnlessLeaseLostAsync(QueueMessage message, Func<Task> settle)
    {
        try
        {
            await settle();
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
            LogLeaseLost(queue.Name, message.MessageId, options.LeaseTime);
        }
    }

    private async Task ParkAsync(QueueMessage message, CancellationToken ct)
    {
        await poison.SendMessageAsync(message.Body, timeToLive: QueueNames.PoisonTimeToLive(queue.Name), cancellationToken: ct);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
    }

    [LoggerMessage(6001, LogLevel.Warning, "Message {MessageId} on {Queue} failed (try {DequeueCount}); retried after the visibility timeout")]
    private partial void LogFailed(Exception e, string queue, string messageId, long dequeueCount);

    [LoggerMessage(6002, LogLevel.Error, "Message {MessageId} on {Queue} failed its last try ({DequeueCount}); moved to poison")]
    private partial void LogPoisoned(Exception e, string queue, string messageId, long dequeueCount);

    [LoggerMessage(6003, LogLevel.Warning, "Polling {Queue} failed; backing off")]
    private partial void LogPollFailed(Exception e, string queue);

    [LoggerMessage(6004, LogLevel.Warning, "Message {MessageId} on {Queue} outlived its {LeaseTime} lease; it runs again")]
    private partial void LogLeaseLost(string queue, string messageId, TimeSpan leaseTime);
}
