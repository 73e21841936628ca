using System.Collections.Concurrent;
using Mentoring.Application.Outbox;

namespace Mentoring.Tests.Reliability;

/// <summary>
/// The real outbox sender, counting every send per message id (the .eml files alone cannot show a resend), with a gate
/// a test can close to hold sends at a chosen moment.
/// </summary>
internal sealed class CountingEmailSender(IEmailSender inner) : IEmailSender
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _started;

    public ConcurrentDictionary<string, int> Sends { get; } = new(StringComparer.Ordinal);

    /// <summary>Sends after this many wait until <see cref="Open"/>; int.MaxValue never holds any.</summary>
    public int HoldAfter { get; set; } = int.MaxValue;

    public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Open() => _open.TrySetResult();

    public async Task<SendOutcome> SendAsync(RenderedEmail message, int attempt, CancellationToken ct)
    {
        if (Interlocked.Increment(ref _started) > HoldAfter)
        {
            Held.TrySetResult();
            await _open.Task.WaitAsync(ct);
        }

        var outcome = await inner.SendAsync(message, attempt, ct);
        Sends.AddOrUpdate(message.MessageId, 1, (_, n) => n + 1);
        return outcome;
    }
}
