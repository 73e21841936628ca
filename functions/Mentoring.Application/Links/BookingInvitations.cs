using System.Globalization;
using Mentoring.Application.Outbox;
using Mentoring.Application.Outbox.Suppressions;
using Mentoring.Application.Queues;
using Mentoring.Application.Roster;
using Mentoring.Application.Storage;
using Mentoring.Engine.Messages;
using Mentoring.Engine.Sending;
using Microsoft.Extensions.Logging;

namespace Mentoring.Application.Links;

/// <summary>One booking change to tell both participants about.</summary>
internal sealed record BookedMeeting(
    ProgramRecord Program,
    string PairId,
    ParticipantRecord Mentor,
    ParticipantRecord Mentee,
    string Uid,
    int Sequence,
    BookingChange Change,
    DateTimeOffset Start,
    DateTimeOffset End,
    string? BookedById);

/// <summary>
/// Puts a booking change's invitation for each participant in the outbox — a row in the pair's partition keyed by the
/// meeting's UID, the change's sequence and the recipient, written insert-if-absent, so a change is queued once however
/// often it is recorded — and hands each new row to the dispatcher at once. The dispatcher sends it with the outbox's
/// retries and suppression re-check; quiet hours and the weekly cap do not hold it (<see cref="TemplateIds.GoesAtOnce"/>).
/// The booking's answer does not wait for the send.
/// </summary>
internal sealed partial class BookingInvitations(OutboxStore outbox, MessageQueues queues, SuppressionStore suppressions, ILogger<BookingInvitations> logger)
{
    /// <summary>Queues both invitations; returns the participants who take them and those who stopped every kind of email.</summary>
    public async Task<(List<ParticipantRecord> Invited, List<ParticipantRecord> NotInvited)> QueueAsync(BookedMeeting meeting, DateTimeOffset now, CancellationToken ct)
    {
        var programId = meeting.Program.ProgramId;
        var partition = Keys.PairLog(programId, meeting.PairId);
        var rows = new List<OutboxMessage>(2);
        var (invited, notInvited) = (new List<ParticipantRecord>(2), new List<ParticipantRecord>());
        foreach (var (person, kind, partner) in new[] { (meeting.Mentor, RecipientKind.Mentor, meeting.Mentee), (meeting.Mentee, RecipientKind.Mentee, meeting.Mentor) })
        {
            var recipient = new Recipient(kind, person.ParticipantId);
            var by = meeting.BookedById == person.ParticipantId ? InvitationFacts.BySelf
                : meeting.BookedById == partner.ParticipantId ? InvitationFacts.ByPartner
                : "";
            var facts = new InvitationFacts(meeting.Change, meeting.Start, meeting.End, meeting.Sequence, now, by);
            var key = string.Create(CultureInfo.InvariantCulture, $"invitation/{meeting.Uid}/s{meeting.Sequence}/{recipient.Key}");
            var decision = new MessageDecision(
                key, TemplateIds.MeetingInvitation, recipient, now, now, "booking page: " + facts.Change.ToString().ToLowerInvariant(), facts.ToFacts(), MeetingId: meeting.Uid);
            rows.Add(new OutboxMessage(OutboxStore.RefOf(partition, key), programId, meeting.PairId, decision, now));

            // Told on the page only; the dispatcher judges again when it sends.
            var stopped = person.Stopped | await suppressions.StoppedAsync(person.Email, programId, ct);
            (SendRules.IsStopped(TemplateIds.MeetingInvitation, stopped) ? notInvited : invited).Add(person);
        }

        foreach (var added in await outbox.AddMessagesAsync(rows, ct))
        {
            await queues.SendEmailAsync(new SendEmail(added.Ref.Partition, added.Ref.RowKey), TimeSpan.Zero, ct);
            LogQueued(meeting.Change.ToString(), added.Decision.Recipient.Kind.ToString(), meeting.PairId);
        }

        return (invited, notInvited);
    }

    [LoggerMessage(5202, LogLevel.Information, "Booking {Change}: invitation to the {Kind} of pair {PairId} queued")]
    private partial void LogQueued(string change, string kind, string pairId);
}
