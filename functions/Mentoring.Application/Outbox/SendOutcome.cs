namespace Mentoring.Application.Outbox;

/// <summary>What became of one send: an expected outcome, as a value.</summary>
public abstract record SendOutcome
{
    private SendOutcome()
    {
    }

    /// <summary>Accepted by the provider (queued for delivery, not yet delivered; in sandbox mode, nothing is sent).</summary>
    public sealed record Sent(string? ProviderMessageId, bool Sandbox) : SendOutcome;

    /// <summary>Not sent now; try again after <paramref name="After"/> (the queue's visibility delay).</summary>
    public sealed record RetryLater(TimeSpan After, string Reason) : SendOutcome;

    /// <summary>Refused for good: record the reason, do not retry.</summary>
    public sealed record PermanentFailure(int StatusCode, string Reason) : SendOutcome;
}
