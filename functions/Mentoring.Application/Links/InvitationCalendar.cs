using Mentoring.Application.Outbox;
using Mentoring.Application.Roster;
using Mentoring.Engine.Booking;
using Mentoring.Engine.Messages;

namespace Mentoring.Application.Links;

/// <summary>
/// The calendar part of an invitation row's email: the iTIP REQUEST (booked, moved) or CANCEL, written from the row's
/// facts and the pair as it is now, so every try carries the same object. The program's address organizes; both
/// participants attend. The words around it are the <c>meeting-invitation</c> template's.
/// </summary>
internal sealed class InvitationCalendar(PairStore pairs, ParticipantStore participants)
{
    public async Task<CalendarInvite> WriteAsync(ProgramRecord program, string? pairId, MessageDecision decision, CancellationToken ct)
    {
        var facts = InvitationFacts.Of(decision.Facts);
        var (mentor, mentee) = await PeopleAsync(program.ProgramId, pairId, ct);
        var organizer = new InvitationPerson(program.AdminEmail, program.Name);
        var attendees = new[] { mentor, mentee }.Select(p => new InvitationPerson(p.Email, p.DisplayName)).ToArray();
        var summary = $"Mentoring: {FirstName(mentor)} & {FirstName(mentee)}";
        var description = $"Your mentoring conversation in {program.Name}, booked through the program's booking page.\n{BookingIds.Marker(pairId!)}";
        var ics = MeetingInvitation.Write(
            facts.Method, decision.MeetingId ?? throw new InvalidOperationException("An invitation without its meeting."), facts.Sequence,
            facts.Start, facts.End, facts.Stamp, summary, description, organizer, attendees);
        return new CalendarInvite(facts.Method, ics);
    }

    private async Task<(ParticipantRecord Mentor, ParticipantRecord Mentee)> PeopleAsync(string programId, string? pairId, CancellationToken ct)
    {
        var found = pairId is null ? null : await pairs.GetAsync(programId, pairId, ct);
        var mentor = found is { } a ? await participants.GetAsync(programId, a.Pair.MentorId, ct) : null;
        var mentee = found is { } b ? await participants.GetAsync(programId, b.Pair.MenteeId, ct) : null;
        return mentor is not null && mentee is not null ? (mentor, mentee) : throw new InvalidOperationException($"The pair {pairId} of an invitation is gone.");
    }

    private static string FirstName(ParticipantRecord person) =>
        person.DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
}
