using Mentoring.Application.Queues;
using Mentoring.Application.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mentoring.Application.Email;

internal enum DispatchOutcome
{
    Sent,
    AlreadySent,
    Deferred,
    NoRecipient,
    Missing,
}

/// <summary>
/// <c>outbound-email</c>: reads the outbox row; sent already → done; too early → back on the queue, invisible until it
/// may go; otherwise claims the row (If-Match), sends through <see cref="IEmailSender"/>, and marks it sent (If-Match).
/// The one window where a crash duplicates an email is between the provider accepting it and the "sent" write
/// (docs/decisions/0003-exactly-once-email.md).
/// </summary>
internal sealed partial class EmailDispatchHandler(
    PairLogStore logs,
    EmailComposer composer,
    IEmailSender sender,
    MessageQueues queues,
    IOptions<EmailOptions> options,
    TimeProvider time,
    ILogger<EmailDispatchHandler> logger)
{
    private const int MaxRaces = 5;

    public async Task<DispatchOutcome> HandleAsync(SendEmail message, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var at = new OutboxRef(message.Partition, message.RowKey);
        for (var attempt = 1; ; attempt++)
        {
            var row = await logs.GetMessageAsync(at, ct);
            if (row is null)
            {
                LogMissing(message.Partition, message.RowKey);
                return DispatchOutcome.Missing;
            }

            if (row.Status is OutboxStatus.Sent or OutboxStatus.Skipped)
                return DispatchOutcome.AlreadySent;

            var notBefore = row.Decision.NotBefore;
            if (row.Status == OutboxStatus.Sending && row.ClaimedAt is { } claimedAt && claimedAt + options.Value.ClaimLease > now)
                notBefore = claimedAt + options.Value.ClaimLease; // another dispatcher is sending it: look again when its claim ends
            if (notBefore > now)
            {
                await queues.SendEmailAsync(message, notBefore - now, ct);
                return DispatchOutcome.Deferred;
            }

            var claimed = await logs.TryUpdateStatusAsync(row, OutboxStatus.Sending, now, ct);
            if (claimed is null)
            {
                if (attempt < MaxRaces)
                    continue;
                throw new InvalidOperationException($"Outbox row {message.RowKey} keeps changing under the dispatcher.");
            }

            var email = await composer.ComposeAsync(claimed, now, ct);
            if (email is null)
            {
                await logs.TryUpdateStatusAsync(claimed, OutboxStatus.Skipped, now, ct);
                LogNoRecipient(row.Decision.TemplateId, row.Decision.Recipient.Key, row.PairId ?? "");
                return DispatchOutcome.NoRecipient;
            }

            await sender.SendAsync(email, ct);
            if (await logs.TryUpdateStatusAsync(claimed, OutboxStatus.Sent, now, ct) is null)
                LogClaimLost(message.RowKey);
            LogSent(row.Decision.TemplateId, row.Decision.Recipient.Key, row.PairId ?? "");
            return DispatchOutcome.Sent;
        }
    }

    [LoggerMessage(3001, LogLevel.Information, "Sent {TemplateId} to {RecipientKey} of pair {PairId}")]
    private partial void LogSent(string templateId, string recipientKey, string pairId);

    [LoggerMessage(3002, LogLevel.Information, "Outbox row {Partition}/{RowKey} is gone (its pair was deleted); skipped")]
    private partial void LogMissing(string partition, string rowKey);

    [LoggerMessage(3003, LogLevel.Information, "No address takes {TemplateId} for {RecipientKey} of pair {PairId}; skipped")]
    private partial void LogNoRecipient(string templateId, string recipientKey, string pairId);

    [LoggerMessage(3004, LogLevel.Warning, "Outbox row {RowKey} was claimed by another dispatcher while this one sent it")]
    private partial void LogClaimLost(string rowKey);
}
