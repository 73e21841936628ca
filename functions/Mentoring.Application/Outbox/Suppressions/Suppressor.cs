using Mentoring.Application.Queues;
using Mentoring.Application.Roster;
using Mentoring.Engine.Messages;
using Microsoft.Extensions.Logging;

namespace Mentoring.Application.Outbox.Suppressions;

/// <summary>
/// Puts an address on the suppression list — every kind of email (a bounce, a spam report), or the kinds the person chose
/// on their unsubscribe page — and, when it is a participant's own address, sets the kinds they take no more for the
/// engine and re-evaluates their pairs, so a ladder they stopped goes to the admin step instead of to them. Idempotent.
/// </summary>
internal sealed partial class Suppressor(
    SuppressionStore suppressions, ParticipantStore participants, PairStore pairs, MessageQueues queues, ILogger<Suppressor> logger)
{
    /// <summary>Stops every kind of email to the address.</summary>
    public async Task SuppressAsync(
        string address, SuppressionReason reason, string source, string programId, Recipient? recipient, string unitId, DateTimeOffset now,
        CancellationToken ct)
    {
        var added = await suppressions.SuppressAsync(address, reason, source, now, ct);
        await TellTheEngineAsync(address, EmailKinds.All, programId, recipient, unitId, ct);
        LogSuppressed(recipient?.Key ?? "", programId, reason.ToString(), source, added);
    }

    /// <summary>The person's own choice: exactly these kinds stopped (none: resubscribed to all). Returns what is stopped now.</summary>
    public async Task<EmailKinds> ChooseAsync(
        string address, EmailKinds stop, string source, string programId, Recipient? recipient, string unitId, DateTimeOffset now, CancellationToken ct)
    {
        var stopped = await suppressions.ChooseAsync(address, stop, source, now, ct);
        await TellTheEngineAsync(address, stopped, programId, recipient, unitId, ct);
        LogChosen(recipient?.Key ?? "", programId, EmailKindNames.Format(stopped), source);
        return stopped;
    }

    private async Task TellTheEngineAsync(string address, EmailKinds stopped, string programId, Recipient? recipient, string unitId, CancellationToken ct)
    {
        if (recipient is not { Kind: RecipientKind.Mentor or RecipientKind.Mentee, ParticipantId: { } personId }
            || await participants.GetAsync(programId, personId, ct) is not { } person
            || !string.Equals(SuppressionStore.Normalise(person.Email), SuppressionStore.Normalise(address), StringComparison.Ordinal))
            return;
        if (person.Stopped != stopped)
            await participants.MarkStoppedAsync(person.ProgramId, person.ParticipantId, stopped, ct);
        foreach (var (program, pair) in (await pairs.PairsOfAsync(personId, ct)).Where(p => p.ProgramId == programId))
            await queues.EvaluateAsync(new EvaluatePair($"suppressed/{unitId}/{pair}", program, pair), ct);
    }

    [LoggerMessage(3101, LogLevel.Information, "Suppressed {RecipientKey} of program {ProgramId}: {Reason} via {Source} (new: {Added})")]
    private partial void LogSuppressed(string recipientKey, string programId, string reason, string source, bool added);

    [LoggerMessage(3102, LogLevel.Information, "{RecipientKey} of program {ProgramId} now takes no {Stopped} email, via {Source}")]
    private partial void LogChosen(string recipientKey, string programId, string stopped, string source);
}
