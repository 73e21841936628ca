using System.Globalization;
using System.Text.Encodings.Web;
using Mentoring.Application.Outbox;
using Mentoring.Application.Outbox.Rendering;
using Mentoring.Application.Outbox.Validation;
using Mentoring.Application.Roster;
using Mentoring.Engine.Booking;
using Mentoring.Engine.Messages;

namespace Mentoring.Application.Links;

/// <summary>
/// An invitation row as the email it stands for: the text in the reader's zone and culture, and the iTIP REQUEST (booked,
/// moved) or CANCEL as its calendar part and .ics attachment, written from the row's facts and the pair as it is now —
/// the same object on every try. The program's address organizes; both participants attend.
/// </summary>
internal sealed class InvitationEmails(PairStore pairs, ParticipantStore participants)
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;
    private static readonly string[] EnglishOnly = [ReaderLanguage.DefaultLanguage];

    public async Task<(RenderedContent Content, CalendarInvite Invite)> RenderAsync(
        ProgramRecord program, string? pairId, MessageDecision decision, Addressee to, EmailLinks links, CancellationToken ct)
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
        var partner = decision.Recipient.Kind == RecipientKind.Mentor ? mentee : mentor;
        return (Content(program, facts, to, partner, links), new CalendarInvite(facts.Method, ics));
    }

    private async Task<(ParticipantRecord Mentor, ParticipantRecord Mentee)> PeopleAsync(string programId, string? pairId, CancellationToken ct)
    {
        var found = pairId is null ? null : await pairs.GetAsync(programId, pairId, ct);
        var mentor = found is { } a ? await participants.GetAsync(programId, a.Pair.MentorId, ct) : null;
        var mentee = found is { } b ? await participants.GetAsync(programId, b.Pair.MenteeId, ct) : null;
        return mentor is not null && mentee is not null ? (mentor, mentee) : throw new InvalidOperationException($"The pair {pairId} of an invitation is gone.");
    }

    private static RenderedContent Content(ProgramRecord program, InvitationFacts facts, Addressee to, ParticipantRecord partner, EmailLinks links)
    {
        var culture = ReaderLanguage.For(to.Culture ?? program.Culture, EnglishOnly).Formats; // English text: one language in it
        var when = LocalTimes.DateTime(facts.Start, to.TimeZoneId, culture);
        var partnerName = FirstName(partner);
        // Who did it, said once: "You booked … with Ben", "Ana booked …", or, when nobody is known, the meeting itself.
        var who = facts.BookedBy switch
        {
            InvitationFacts.BySelf => $"You {{0}} your mentoring meeting with {partnerName}",
            InvitationFacts.ByPartner => $"{partnerName} {{0}} your mentoring meeting",
            _ => $"Your mentoring meeting with {partnerName} was {{0}}",
        };
        var (subject, said, next) = facts.Change switch
        {
            BookingChange.Booked => ($"Invitation: mentoring with {partnerName}, {when}",
                string.Format(CultureInfo.InvariantCulture, who, "booked") + $": {when}, {facts.Minutes} minutes.",
                "The invitation is attached: accept it and it stays in your calendar."),
            BookingChange.Moved => ($"Moved: mentoring with {partnerName}, now {when}",
                string.Format(CultureInfo.InvariantCulture, who, "moved") + $". It is now {when}, {facts.Minutes} minutes.",
                "The updated invitation is attached: your calendar moves the meeting when you accept it."),
            _ => ($"Cancelled: mentoring with {partnerName}, {when}",
                string.Format(CultureInfo.InvariantCulture, who, "cancelled") + $" on {when}.",
                "The cancellation is attached: it takes the meeting out of your calendar."),
        };
        var action = facts.Change == BookingChange.Cancelled ? "Book another time" : "Move or cancel it";
        var greeting = "Hi " + FirstName(to.Person) + ",";
        var text = $"{greeting}\n\n{said}\n\n{next}\n\n{action}: {links.BookNext}\n\nUnsubscribe: {links.Unsubscribe}\n";
        var html = "<!DOCTYPE html><html lang=\"" + Html.Encode(culture.TwoLetterISOLanguageName) + "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
            + "<title>" + Html.Encode(subject) + "</title></head>"
            + "<body style=\"margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:24px;color:#1f2933;\">"
            + "<p>" + Html.Encode(greeting) + "</p><p>" + Html.Encode(said) + "</p><p>" + Html.Encode(next) + "</p>"
            + "<p><a href=\"" + Html.Encode(links.BookNext) + "\" style=\"display:inline-block;padding:12px 24px;background-color:#0b6e4f;color:#ffffff;font-weight:bold;text-decoration:none;border-radius:6px;\">" + Html.Encode(action) + "</a></p>"
            + "<p style=\"font-size:13px;color:#4b5563;\"><a href=\"" + Html.Encode(links.Unsubscribe) + "\" style=\"color:#4b5563;\">Unsubscribe</a></p>"
            + "</body></html>";
        return new RenderedContent(TemplateIds.MeetingInvitation, subject, html, text, new Dictionary<TemplatePart, TemplateValidation>());
    }

    private static string FirstName(ParticipantRecord? person) =>
        person?.DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "there";
}
