using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Mentoring.Application.Queues;

/// <summary>Sends to the pipeline's queues (base64, as the Functions host reads them) and parks poison messages.</summary>
internal sealed class MessageQueues(QueueServiceClient queues)
{
    /// <summary>The longest a Storage Queue message can stay invisible.</summary>
    public static readonly TimeSpan MaxVisibilityDelay = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);

    public Task EvaluateAsync(EvaluatePair message, CancellationToken ct) =>
        SendAsync(QueueNames.PairEvaluations, QueueJson.Serialize(message), TimeSpan.Zero, ct);

    public Task SendEmailAsync(SendEmail message, TimeSpan delay, CancellationToken ct) =>
        SendAsync(QueueNames.OutboundEmail, QueueJson.Serialize(message), delay, ct);

    /// <summary>
    /// Sends a raw webhook delivery already serialised (and size-checked) with <see cref="QueueJson"/>, to live at most
    /// <see cref="QueueNames.RawDeliveryLifetime"/>; the receipt can take it back.
    /// </summary>
    public async Task<SendReceipt> SendRawAsync(string queue, string json, CancellationToken ct) =>
        await queues.GetQueueClient(queue).SendMessageAsync(json, null, QueueNames.RawDeliveryLifetime, ct);

    /// <summary>Takes back a message just sent; false when it is gone already (a pump took it: its handler is idempotent).</summary>
    public async Task<bool> TryTakeBackAsync(string queue, SendReceipt receipt, CancellationToken ct)
    {
        try
        {
            await queues.GetQueueClient(queue).DeleteMessageAsync(receipt.MessageId, receipt.PopReceipt, ct);
            return true;
        }
        catch (Azure.RequestFailedException e) when (e.Status is 404 or 400)
        {
            return false;
        }
    }

    /// <summary>
    /// Copies a message body to <c>{queue}-poison</c>, as the Functions host does after the last try, with
    /// <see cref="QueueNames.PoisonTimeToLive"/>.
    /// </summary>
    public async Task ParkAsync(string queue, string body, CancellationToken ct) =>
        await queues.GetQueueClient(QueueNames.PoisonOf(queue)).SendMessageAsync(body, null, QueueNames.PoisonTimeToLive(queue), ct);

    public QueueClient Client(string queue) => queues.GetQueueClient(queue);

    public async Task SendAsync(string queue, string body, TimeSpan delay, CancellationToken ct)
    {
        var visibility = delay <= TimeSpan.Zero ? (TimeSpan?)null : delay > MaxVisibilityDelay ? MaxVisibilityDelay : delay;
        // Time-to-live -1: never expires, so a message delayed for days is not lost before it becomes visible.
        await queues.GetQueueClient(queue).SendMessageAsync(body, visibility, QueueNames.Forever, ct);
    }
}
