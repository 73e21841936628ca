using Azure;
using Mentoring.Engine.Messages;

namespace Mentoring.Application.Outbox;

/// <summary>Where an outbox row lives: the dispatcher gets this from the queue.</summary>
internal sealed record OutboxRef(string Partition, string RowKey);

internal enum OutboxStatus
{
    Pending,
    Sending,
    Sent,
    /// <summary>Not sent: no address takes it, or the address is suppressed (the reason says which).</summary>
    Skipped,
    /// <summary>Refused for good by the provider (the reason says why); never retried.</summary>
    Failed,
    /// <summary>Not sent: it stopped being true while it waited (its ladder episode closed, the pair paused).</summary>
    Cancelled,
}

/// <summary>
/// A decided message: the outbox row and the history row at once (the engine reads it back as a <see cref="SentMessage"/>).
/// </summary>
internal sealed record OutboxMessage(
    OutboxRef Ref,
    string ProgramId,
    string? PairId,
    MessageDecision Decision,
    DateTimeOffset DecidedAt,
    OutboxStatus Status = OutboxStatus.Pending,
    DateTimeOffset? ClaimedAt = null,
    DateTimeOffset? SentAt = null,
    ETag ETag = default,
    string? StatusReason = null,
    int Attempts = 0,
    string? DeliveryState = null,
    DateTimeOffset? DeliveryAt = null)
{
    /// <summary>Nothing more will happen to it: sent, skipped, failed or cancelled.</summary>
    public bool IsFinal => Status is OutboxStatus.Sent or OutboxStatus.Skipped or OutboxStatus.Failed or OutboxStatus.Cancelled;

    public SentMessage ToSentMessage() => Decision.ToSentMessage() with { SentAt = SentAt ?? Decision.NotBefore };
}
