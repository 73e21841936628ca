using Mentoring.Application.Queues;
using Mentoring.Application.Roster;
using Mentoring.Engine.Messages;
using Microsoft.Extensions.Logging;

namespace Mentoring.Application.Outbox.Suppressions;

/// <summary>
/// Puts an address on the suppression list and, when it is a participant's own address, marks them Suppressed for the
/// engine and re-evaluates their pairs, so each pair's ladder goes to the admin step instead of to them. Idempotent.
/// </summary>
internal sealed partial class Suppressor(
    SuppressionStore suppressions, ParticipantStore participants, PairStore pairs, MessageQueues queues, ILogger<Suppressor> logger)
{
    public async Task SuppressAsync(
        string address, SuppressionReason reason, string source, string programId, Recipient? recipient, string unitId, DateTimeOffset now,
        CancellationToken ct)
    {
        var added = await suppressions.SuppressAsync(address, reason, source, now, ct);
        if (recipient is { Kind: RecipientKind.Mentor or RecipientKind.Mentee, ParticipantId: { } personId }
            && await participants.GetAsync(programId, personId, ct) is { } person
            && string.Equals(SuppressionStore.Normalise(person.Email), SuppressionStore.Normalise(address), StringComparison.Ordinal))
        {
            if (!person.Suppressed)
                await participants.MarkSuppressedAsync(person.ProgramId, person.ParticipantId, ct);
            foreach (var (program, pair) in (await pairs.PairsOfAsync(personId, ct)).Where(p => p.ProgramId == programId))
                await queues.EvaluateAsync(new EvaluatePair($"suppressed/{unitId}/{pair}", program, pair), ct);
        }

        LogSuppressed(recipient?.Key ?? "", programId, reason.ToString(), source, added);
    }

    [LoggerMessage(3101, LogLevel.Information, "Suppressed {RecipientKey} of program {ProgramId}: {Reason} via {Source} (new: {Added})")]
    private partial void LogSuppressed(string recipientKey, string programId, string reason, string source, bool added);
}
