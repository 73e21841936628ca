using Mentoring.Application.Evaluation;
using Mentoring.Application.Outbox.Suppressions;
using Mentoring.Application.Queues;
using Mentoring.Application.Roster;
using Mentoring.Application.Storage;
using Mentoring.Engine.Messages;
using Mentoring.Engine.Pairs;
using Mentoring.Engine.Sending;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mentoring.Application.Outbox;

internal enum DispatchOutcome
{
    Sent,
    AlreadySent,
    Deferred,
    NoRecipient,
    Missing,
    Suppressed,
    Cancelled,
    RetryLater,
    Failed,
}

/// <summary>
/// <c>outbound-email</c>: reads the outbox row; final already → done; too early → back on the queue, invisible until it
/// may go. Then the send-time rules, re-checked because the email may have waited: a ladder email whose episode closed
/// (or whose pair paused) is cancelled; an address that stopped the email's kind is skipped (admin digests aside); quiet
/// hours in the recipient's zone and the per-person weekly cap defer it (the cap claimed on the person's
/// <see cref="SendLedger"/>). Otherwise it claims the row (If-Match), renders the
/// template, sends through <see cref="IEmailSender"/> and records the outcome: sent; retry later (the row is released
/// and the queue message comes back after the provider's delay); or a permanent failure, recorded with its reason and
/// never retried. The one window where a crash duplicates an email is between the provider accepting it and the "sent"
/// write (docs/decisions/0003-exactly-once-email.md).
/// </summary>
internal sealed partial class EmailDispatchHandler(
    PairLogStore logs,
    OutboxStore outbox,
    ProgramStore programs,
    PairStore pairs,
    EmailAssembler assembler,
    SuppressionStore suppressions,
    SendLedger ledger,
    IEmailSender sender,
    MessageQueues queues,
    IOptions<EmailOptions> options,
    TimeProvider time,
    ILogger<EmailDispatchHandler> logger)
{
    private const int MaxRaces = 5;

    /// <summary>The id our provider events carry back (<c>custom_args.messageId</c>): where the outbox row lives.</summary>
    public static string MessageIdOf(OutboxRef at) => at.Partition + "/" + at.RowKey;

    public static OutboxRef? RefOf(string? messageId)
    {
        var slash = messageId?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        return slash > 0 && slash < messageId!.Length - 1 && messageId.IndexOf('/', slash + 1) < 0
            ? new OutboxRef(messageId[..slash], messageId[(slash + 1)..])
            : null;
    }

    public async Task<DispatchOutcome> HandleAsync(SendEmail message, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var at = new OutboxRef(message.Partition, message.RowKey);
        for (var attempt = 1; ; attempt++)
        {
            var row = await outbox.GetMessageAsync(at, ct);
            if (row is null)
            {
                LogMissing(message.Partition, message.RowKey);
                return DispatchOutcome.Missing;
            }

            if (row.IsFinal)
                return DispatchOutcome.AlreadySent;

            // Another dispatcher is sending it: look again when its claim ends.
            if (row.Status == OutboxStatus.Sending && row.ClaimedAt is { } claimedAt && claimedAt + options.Value.ClaimLease > now)
                return await DeferAsync(message, row, claimedAt + options.Value.ClaimLease - now, ct);

            // A capped email is judged as soon as it is decided, so that it books its place in the person's week in the
            // order decided (first decided, first sent); the others wait for their time.
            if (row.Decision.NotBefore > now && !TemplateIds.IsCapped(row.Decision.TemplateId))
                return await DeferAsync(message, row, row.Decision.NotBefore - now, ct);

            var decision = row.Decision;
            var program = await programs.GetAsync(row.ProgramId, ct);
            if (program is null)
            {
                if (await FinishAsync(row, OutboxStatus.Skipped, "program-gone", DispatchOutcome.NoRecipient, now, ct) is { } done)
                    return done;
                Raced(attempt, at);
                continue;
            }

            var to = await assembler.AddresseeAsync(program, decision.Recipient, ct);
            if (to is null && decision.Step is null)
            {
                if (await FinishAsync(row, OutboxStatus.Skipped, "no-recipient", DispatchOutcome.NoRecipient, now, ct) is { } done)
                    return done;
                Raced(attempt, at);
                continue;
            }

            // The engine decided it; only the facts that may have changed since are read again, and judged by the same rules.
            // A capped email is judged inside its claim on the person's send ledger: what they get from every program.
            var facts = await FactsAsync(row, to, ct);
            var policy = program.Policy.Sending;
            var verdict = TemplateIds.IsCapped(decision.TemplateId) && to is not null
                ? await ledger.ClaimAsync(to.Address, SendLedger.ClaimOf(row.Ref), now, sends => SendRules.Check(decision, facts with { RecipientCappedSends = sends }, policy, now), ct)
                : SendRules.Check(decision, facts, policy, now);
            if (verdict.Kind != SendVerdictKind.Cancel && to is null)
                verdict = new SendVerdict(SendVerdictKind.Skip, Reason: "no-recipient");
            if (verdict.Kind == SendVerdictKind.Defer)
                return await DeferAsync(message, row, verdict.At - now, ct);
            if (verdict.Kind is SendVerdictKind.Cancel or SendVerdictKind.Skip || to is null) // (to is null: always Skip or Cancel)
            {
                var (status, notSent) = verdict.Kind == SendVerdictKind.Cancel ? (OutboxStatus.Cancelled, DispatchOutcome.Cancelled)
                    : verdict.Reason == "no-recipient" ? (OutboxStatus.Skipped, DispatchOutcome.NoRecipient)
                    : (OutboxStatus.Skipped, DispatchOutcome.Suppressed);
                if (await FinishAsync(row, status, verdict.Reason, notSent, now, ct) is { } done)
                    return done;
                Raced(attempt, at);
                continue;
            }

            var claimed = await outbox.TryUpdateStatusAsync(row, OutboxStatus.Sending, now, ct);
            if (claimed is null)
            {
                Raced(attempt, at);
                continue;
            }

            var email = await assembler.RenderAsync(program, row.PairId, decision, to, MessageIdOf(row.Ref), now, ct);
            var outcome = await sender.SendAsync(email, claimed.Attempts, ct);
            switch (outcome)
            {
                case SendOutcome.Sent:
                    if (await outbox.TryUpdateStatusAsync(claimed, OutboxStatus.Sent, now, ct) is null)
                        LogClaimLost(message.RowKey);
                    if (TemplateIds.IsCapped(decision.TemplateId))
                        await ledger.RecordSentAsync(to.Address, SendLedger.ClaimOf(row.Ref), time.GetUtcNow(), ct);
                    LogSent(decision.TemplateId, decision.Recipient.Key, row.PairId ?? "");
                    return DispatchOutcome.Sent;

                case SendOutcome.RetryLater retry:
                    // Released for the next try, which the queue brings back after the provider's delay.
                    await outbox.TryUpdateStatusAsync(claimed, OutboxStatus.Pending, now, ct, retry.Reason);
                    await queues.SendEmailAsync(message, retry.After, ct);
                    LogRetry(decision.TemplateId, decision.Recipient.Key, row.PairId ?? "", retry.After);
                    return DispatchOutcome.RetryLater;

                case SendOutcome.PermanentFailure failure:
                    var reason = $"{failure.StatusCode}: {failure.Reason}";
                    await outbox.TryUpdateStatusAsync(claimed, OutboxStatus.Failed, now, ct, reason.Length > 1000 ? reason[..1000] : reason);
                    LogFailed(decision.TemplateId, decision.Recipient.Key, row.PairId ?? "", failure.StatusCode);
                    return DispatchOutcome.Failed;

                default:
                    throw new InvalidOperationException($"Unknown send outcome {outcome.GetType().Name}.");
            }
        }
    }

    /// <summary>
    /// What may have changed since the decision: the pair's status and episode (ladder messages) and whether the recipient
    /// still takes email. What the person was sent since is read within the claim on their send ledger.
    /// </summary>
    private async Task<SendFacts> FactsAsync(OutboxMessage row, Addressee? to, CancellationToken ct)
    {
        var decision = row.Decision;
        var pairActive = true;
        string? episode = null;
        if (decision.Step is not null && row.PairId is { } pairId)
        {
            pairActive = await pairs.GetAsync(row.ProgramId, pairId, ct) is { } found && found.Pair.Status == PairStatus.Active;
            episode = pairActive ? (await logs.GetStateAsync(row.Ref.Partition, ct))?.EpisodeKey : null;
        }

        var stopped = to is null || !SendRules.IsSuppressible(decision.TemplateId) // nobody to ask: "no recipient" is the dispatcher's to say
            ? EmailKinds.None
            : (decision.Recipient.Kind is RecipientKind.Mentor or RecipientKind.Mentee ? to.Person?.Stopped ?? EmailKinds.None : EmailKinds.None)
                | await suppressions.StoppedAsync(to.Address, row.ProgramId, ct);
        return new SendFacts(pairActive, episode, stopped, Zones.Resolve(to?.TimeZoneId ?? "UTC"), []);
    }

    private async Task<DispatchOutcome> DeferAsync(SendEmail message, OutboxMessage row, TimeSpan delay, CancellationToken ct)
    {
        await queues.SendEmailAsync(message, delay, ct);
        LogDeferred(row.Decision.TemplateId, row.Decision.Recipient.Key, row.PairId ?? "", delay);
        return DispatchOutcome.Deferred;
    }

    /// <summary>Records a final status without sending; null when another dispatcher wrote the row first (look again).</summary>
    private async Task<DispatchOutcome?> FinishAsync(
        OutboxMessage row, OutboxStatus status, string reason, DispatchOutcome outcome, DateTimeOffset now, CancellationToken ct)
    {
        if (await outbox.TryUpdateStatusAsync(row, status, now, ct, reason) is null)
            return null;
        LogNotSent(row.Decision.TemplateId, row.Decision.Recipient.Key, row.PairId ?? "", status.ToString(), reason);
        return outcome;
    }

    /// <summary>Another writer changed the row between our read and our write: read again, up to a point.</summary>
    private static void Raced(int attempt, OutboxRef at)
    {
        if (attempt >= MaxRaces)
            throw new InvalidOperationException($"Outbox row {at.RowKey} keeps changing under the dispatcher.");
    }

    [LoggerMessage(3001, LogLevel.Information, "Sent {TemplateId} to {RecipientKey} of pair {PairId}")]
    private partial void LogSent(string templateId, string recipientKey, string pairId);

    [LoggerMessage(3002, LogLevel.Information, "Outbox row {Partition}/{RowKey} is gone (its pair was deleted); skipped")]
    private partial void LogMissing(string partition, string rowKey);

    [LoggerMessage(3003, LogLevel.Information, "{TemplateId} for {RecipientKey} of pair {PairId} not sent: {Status} ({Reason})")]
    private partial void LogNotSent(string templateId, string recipientKey, string pairId, string status, string reason);

    [LoggerMessage(3004, LogLevel.Warning, "Outbox row {RowKey} was claimed by another dispatcher while this one sent it")]
    private partial void LogClaimLost(string rowKey);

    [LoggerMessage(3005, LogLevel.Information, "{TemplateId} for {RecipientKey} of pair {PairId} deferred by {Delay}")]
    private partial void LogDeferred(string templateId, string recipientKey, string pairId, TimeSpan delay);

    [LoggerMessage(3006, LogLevel.Warning, "{TemplateId} for {RecipientKey} of pair {PairId} to be retried in {Delay}")]
    private partial void LogRetry(string templateId, string recipientKey, string pairId, TimeSpan delay);

    [LoggerMessage(3007, LogLevel.Error, "{TemplateId} for {RecipientKey} of pair {PairId} refused for good ({StatusCode}); recorded, not retried")]
    private partial void LogFailed(string templateId, string recipientKey, string pairId, int statusCode);
}
