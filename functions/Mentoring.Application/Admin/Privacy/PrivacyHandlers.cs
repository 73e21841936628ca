using Mentoring.Application.Admin.Participants;
using Mentoring.Application.Evaluation;
using Mentoring.Application.Ingest;
using Mentoring.Application.Roster;
using Mentoring.Application.Storage;
using Microsoft.AspNetCore.Http;
using Connections = Mentoring.Application.Ingest.Connections;

namespace Mentoring.Application.Admin.Privacy;

internal sealed record PersonExport(
    DateTimeOffset ExportedAt,
    ParticipantView Participant,
    IReadOnlyList<PersonPairExport> Pairs,
    IReadOnlyList<Calendars.CalendarView> CalendarConnections);

internal sealed record PersonPairExport(
    string ProgramId,
    string PairId,
    string Role,
    string Status,
    IReadOnlyList<Reading.TimelineChange> Ledger,
    IReadOnlyList<Reading.TimelineMessage> MessagesToThisPerson);

/// <summary>
/// GDPR art. 15/20 and 17 for one person. Every row about a person is found through the <c>people</c> index (PK =
/// participant): their participant row, the pairs they are in, and in each pair's partition the messages addressed to
/// them. Erasure deletes those, ends the pairs (the other side keeps a pair whose partner reads "erased"), removes
/// the index rows, disconnects their calendars (theirs, and the feeds of their pairs), erases the free text of their pairs
/// (pause and end reasons, cancellation reasons in the ledger), deletes the raw calendar deliveries parked in poison and
/// the unmatched observations that carry their address, and keeps only the suppression hash of the address, scoped to
/// the erasing caller's programs (everywhere for a caller with every program).
/// </summary>
internal sealed class PrivacyHandlers(
    ParticipantRows participants,
    PairStore pairs,
    PairLogStore logs,
    Outbox.OutboxStore outbox,
    LedgerStore ledgers,
    Outbox.Suppressions.SuppressionStore suppressions,
    Connections.ConnectionStore connections,
    Connections.ConnectionOnboarding onboarding,
    ErasedDeliveries erasedDeliveries)
{
    public const string ErasedId = "erased";

    public async Task<IResult> ExportAsync(AdminRequest request)
    {
        var person = await participants.ParticipantOfAsync(request);
        var exports = new List<PersonPairExport>();
        foreach (var (programId, pairId) in await PairsOfAsync(request, person.Id))
        {
            if (programId != request.ProgramId || await pairs.GetAsync(programId, pairId, request.Aborted) is not { } found)
                continue;
            var log = await logs.LoadAsync(Keys.PairLog(programId, pairId), request.Aborted);
            exports.Add(new PersonPairExport(
                programId,
                pairId,
                found.Pair.MentorId == person.Id ? "mentor" : "mentee",
                found.Pair.Status.ToString(),
                [.. log.Ledger.OrderBy(c => c.ChangedAt).Select(c => new Reading.TimelineChange(c.ChangedAt, c.MeetingId, c.Kind, c.Start, c.PreviousStart, c.ChangedBy, c.Reason, c.Source))],
                [.. log.Messages.Where(m => m.Decision.Recipient.ParticipantId == person.Id).Select(m => new Reading.TimelineMessage(
                    m.Decision.TemplateId, m.Decision.Recipient.Kind.ToString(), m.Decision.Reason, m.Status.ToString(), m.DecidedAt, m.Decision.NotBefore, m.SentAt, m.Decision.Step))]));
        }

        var calendars = await CalendarsOfAsync(request, person.Id, [.. exports.Select(p => p.PairId)]);
        request.Http.Response.Headers.ContentDisposition = $"attachment; filename=\"{person.Id}.json\"";
        return Results.Json(new PersonExport(request.Now, person.ToView(), exports, [.. calendars.Select(Calendars.CalendarView.Of)]), AdminJson.Options);
    }

    public async Task<IResult> EraseAsync(AdminRequest request)
    {
        var person = await participants.ParticipantOfAsync(request);
        // Suppressed in the programs the erasing caller runs, not everywhere: an admin of one program must not be able to
        // silence another program's member by adding and erasing their address. Their own unsubscribe stays global.
        await suppressions.SuppressAsync(
            person.Email, Outbox.Suppressions.SuppressionReason.Erased, "erasure", request.Now, request.Aborted, request.Caller.Programs);

        var theirPairs = await PairsOfAsync(request, person.Id);
        var calendars = await CalendarsOfAsync(request, person.Id, [.. theirPairs.Where(p => p.ProgramId == request.ProgramId).Select(p => p.PairId)]);
        foreach (var connection in calendars)
            await onboarding.DisconnectAsync(connection, request.Aborted);

        var erasedPairs = 0;
        var reasonsErased = 0;
        foreach (var (programId, pairId) in theirPairs)
        {
            if (programId == request.ProgramId)
            {
                var partition = Keys.PairLog(programId, pairId);
                await outbox.DeleteMessagesToAsync(partition, person.Id, request.Aborted);
                await pairs.EraseMemberAsync(programId, pairId, person.Id, ErasedId, request.Now, request.Aborted);
                reasonsErased += await ledgers.EraseReasonsAsync(partition, request.Aborted);
                await pairs.RemoveFromIndexAsync(person.Id, programId, pairId, request.Aborted);
                erasedPairs++;
            }
        }

        var (poison, kept) = await erasedDeliveries.ForgetAsync(person.Email, request.ProgramId, request.Aborted);
        await participants.DeleteAsync(request.ProgramId, person.Id, request.Aborted);
        return Results.Json(
            new
            {
                erased = person.Id,
                pairsEnded = erasedPairs,
                calendarsDisconnected = calendars.Count,
                reasonsErased,
                parkedDeliveriesDeleted = poison,
                unmatchedObservationsDeleted = kept,
                suppressionKept = true,
            },
            AdminJson.Options);
    }

    /// <summary>The program's calendar connections that are the person's, or feed one of their pairs.</summary>
    private async Task<List<Connections.CalendarConnection>> CalendarsOfAsync(AdminRequest request, string personId, IReadOnlyCollection<string> pairIds) =>
        [.. (await connections.ListForProgramAsync(request.ProgramId, request.Aborted))
            .Where(c => c.ParticipantId == personId || (c.PairId is { } pair && pairIds.Contains(pair)))];

    private Task<List<(string ProgramId, string PairId)>> PairsOfAsync(AdminRequest request, string personId) =>
        pairs.PairsOfAsync(personId, request.Aborted);
}
