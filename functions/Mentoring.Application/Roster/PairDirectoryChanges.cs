using Mentoring.Application.Ingest;
using Mentoring.Application.Ingest.Webhooks;
using Mentoring.Application.Queues;
using Microsoft.Extensions.Options;

namespace Mentoring.Application.Roster;

/// <summary>
/// Told of every write that changes which pair a calendar event belongs to (pairs, participants' addresses, series
/// links): the pair directory this process caches is read again after it, and the calendar observations that matched no
/// pair are matched again (<see cref="CalendarDelivery.Rematch"/> on <c>calendar-changes</c>, after
/// <see cref="WebhookOptions.RematchDelay"/>, so that a burst of writes such as an import asks once, and a delivery
/// another instance read against its older directory meanwhile is kept before the rematch runs).
/// </summary>
internal sealed class PairDirectoryChanges(MessageQueues queues, IOptions<WebhookOptions> options, TimeProvider time)
{
    private long _version;
    private long _pendingUntil; // UTC ticks: a rematch already asked for runs after this

    public long Version => Interlocked.Read(ref _version);

    public async Task ChangedAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _version);
        var now = time.GetUtcNow();
        var delay = options.Value.RematchDelay;
        // One already on its way that runs at least a second from now reads this write too.
        if (Interlocked.Read(ref _pendingUntil) - TimeSpan.TicksPerSecond > now.UtcTicks)
            return;
        Interlocked.Exchange(ref _pendingUntil, (now + delay).UtcTicks);
        var message = new CalendarDelivery($"rematch/{now.UtcTicks}/{Guid.NewGuid():N}", CalendarDelivery.Rematch, now, "");
        await queues.SendAsync(QueueNames.CalendarChanges, QueueJson.Serialize(message), delay, ct);
    }
}
