using Microsoft.Extensions.Logging;

namespace Mentoring.Application.Queues;

/// <summary>
/// How both hosts run a queue handler: parse the body; a body that cannot be parsed goes straight to
/// <c>{queue}-poison</c> with the reason logged (no retry loop); otherwise the handler runs and its exceptions propagate
/// so the host retries and, after 5 tries, parks the message.
/// </summary>
internal sealed partial class QueueInvocation(MessageQueues queues, ILogger<QueueInvocation> logger)
{
    public async Task RunAsync<T>(string queue, string messageId, string body, Func<T, CancellationToken, Task> handle, CancellationToken ct)
        where T : class
    {
        if (!QueueJson.TryParse<T>(body, out var message, out var reason))
        {
            await queues.ParkAsync(queue, body, ct);
            LogUnparseable(queue, messageId, reason);
            return;
        }

        await handle(message, ct);
    }

    [LoggerMessage(1001, LogLevel.Warning, "Message {MessageId} on {Queue} cannot be parsed ({Reason}); parked in poison")]
    private partial void LogUnparseable(string queue, string messageId, string reason);
}
