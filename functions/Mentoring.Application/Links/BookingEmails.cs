using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Mentoring.Application.Outbox;
using Mentoring.Application.Outbox.Rendering;
using Mentoring.Application.Outbox.Suppressions;
using Mentoring.Application.Outbox.Validation;
using Mentoring.Application.Roster;
using Mentoring.Engine.Booking;
using Mentoring.Engine.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mentoring.Application.Links;

/// <summary>What a booking did to its meeting, as the invitation tells it.</summary>
internal enum BookingChange
{
    Booked,
    Moved,
    Cancelled,
}

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
/// Sends both participants the invitation for a booking change: an email in their zone and culture whose calendar part
/// and .ics attachment are the iTIP REQUEST (booked, moved) or CANCEL, with a fresh booking link of their own to move or
/// cancel it. Sent at once through the configured sender (these are answers to a person's click, outside the ladder's
/// quiet hours and caps); a suppressed address gets none.
/// </summary>
internal sealed partial class BookingEmails(
    IEmailSender sender, SuppressionStore suppressions, LinkSigner signer, IOptions<LinkOptions> linkOptions, ILogger<BookingEmails> logger)
{
    public const string TemplateId = "meeting-invitation";

    private static readonly HtmlEncoder Html = HtmlEncoder.Default;
    private static readonly string[] EnglishOnly = [ReaderLanguage.DefaultLanguage];

    /// <summary>Sends to both; returns the participants who got it and those it could not reach.</summary>
    public async Task<(List<ParticipantRecord> Sent, List<ParticipantRecord> NotSent)> SendAsync(BookedMeeting meeting, DateTimeOffset now, CancellationToken ct)
    {
        var organizer = new InvitationPerson(meeting.Program.AdminEmail, meeting.Program.Name);
        var attendees = new[] { meeting.Mentor, meeting.Mentee }.Select(p => new InvitationPerson(p.Email, p.DisplayName)).ToArray();
        var method = meeting.Change == BookingChange.Cancelled ? MeetingInvitation.Cancel : MeetingInvitation.Request;
        var summary = $"Mentoring: {FirstName(meeting.Mentor)} & {FirstName(meeting.Mentee)}";
        var description = $"Your mentoring conversation in {meeting.Program.Name}, booked through the program's booking page.\n{BookingIds.Marker(meeting.PairId)}";
        var ics = MeetingInvitation.Write(method, meeting.Uid, meeting.Sequence, meeting.Start, meeting.End, now, summary, description, organizer, attendees);

        var sent = new List<ParticipantRecord>(2);
        var notSent = new List<ParticipantRecord>();
        foreach (var (person, kind, partner) in new[] { (meeting.Mentor, RecipientKind.Mentor, meeting.Mentee), (meeting.Mentee, RecipientKind.Mentee, meeting.Mentor) })
        {
            if (person.Stopped == EmailKinds.All || await suppressions.IsSuppressedAsync(person.Email, meeting.Program.ProgramId, ct))
            {
                notSent.Add(person);
                continue;
            }

            var email = Render(meeting, person, new Recipient(kind, person.ParticipantId), partner, new CalendarInvite(method, ics), now);
            var outcome = await sender.SendAsync(email, 1, ct);
            if (outcome is SendOutcome.Sent)
                sent.Add(person);
            else
                notSent.Add(person);
            LogSent(meeting.Change.ToString(), kind.ToString(), meeting.PairId, outcome.GetType().Name);
        }

        return (sent, notSent);
    }

    private RenderedEmail Render(BookedMeeting meeting, ParticipantRecord to, Recipient recipient, ParticipantRecord partner, CalendarInvite invite, DateTimeOffset now)
    {
        var o = linkOptions.Value;
        var programId = meeting.Program.ProgramId;
        var messageId = "booking-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(meeting.Uid)))[..20] + "-s" + meeting.Sequence + "-" + recipient.Kind.ToString().ToLowerInvariant();
        var book = signer.Url(Hosting.Routes.BookPrefix, new LinkClaims(LinkPurpose.Book, programId, meeting.PairId, messageId, recipient.Key, now + o.CheckInLifetime));
        var unsubscribe = signer.Url(Hosting.Routes.UnsubscribePrefix, new LinkClaims(LinkPurpose.Unsubscribe, programId, meeting.PairId, messageId, recipient.Key, now + o.UnsubscribeLifetime));

        var culture = ReaderLanguage.For(to.Culture ?? meeting.Program.Culture, EnglishOnly).Formats; // English text: one language in it
        var when = LocalTimes.DateTime(meeting.Start, to.TimeZoneId, culture);
        var partnerName = FirstName(partner);
        // Who did it, said once: "You booked … with Ben", "Ana booked …", or, when nobody is known, the meeting itself.
        var who = meeting.BookedById == to.ParticipantId ? $"You {{0}} your mentoring meeting with {partnerName}"
            : meeting.BookedById == partner.ParticipantId ? $"{partnerName} {{0}} your mentoring meeting"
            : $"Your mentoring meeting with {partnerName} was {{0}}";
        var minutes = Minutes(meeting);
        var (subject, said, next) = meeting.Change switch
        {
            BookingChange.Booked => ($"Invitation: mentoring with {partnerName}, {when}",
                string.Format(CultureInfo.InvariantCulture, who, "booked") + $": {when}, {minutes} minutes.",
                "The invitation is attached: accept it and it stays in your calendar."),
            BookingChange.Moved => ($"Moved: mentoring with {partnerName}, now {when}",
                string.Format(CultureInfo.InvariantCulture, who, "moved") + $". It is now {when}, {minutes} minutes.",
                "The updated invitation is attached: your calendar moves the meeting when you accept it."),
            _ => ($"Cancelled: mentoring with {partnerName}, {when}",
                string.Format(CultureInfo.InvariantCulture, who, "cancelled") + $" on {when}.",
                "The cancellation is attached: it takes the meeting out of your calendar."),
        };
        var action = meeting.Change == BookingChange.Cancelled ? "Book another time" : "Move or cancel it";
        var greeting = "Hi " + FirstName(to) + ",";
        var text = $"{greeting}\n\n{said}\n\n{next}\n\n{action}: {book}\n\nUnsubscribe: {unsubscribe}\n";
        var html = "<!DOCTYPE html><html lang=\"" + Html.Encode(culture.TwoLetterISOLanguageName) + "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
            + "<title>" + Html.Encode(subject) + "</title></head>"
            + "<body style=\"margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:24px;color:#1f2933;\">"
            + "<p>" + Html.Encode(greeting) + "</p><p>" + Html.Encode(said) + "</p><p>" + Html.Encode(next) + "</p>"
            + "<p><a href=\"" + Html.Encode(book) + "\" style=\"display:inline-block;padding:12px 24px;background-color:#0b6e4f;color:#ffffff;font-weight:bold;text-decoration:none;border-radius:6px;\">" + Html.Encode(action) + "</a></p>"
            + "<p style=\"font-size:13px;color:#4b5563;\"><a href=\"" + Html.Encode(unsubscribe) + "\" style=\"color:#4b5563;\">Unsubscribe</a></p>"
            + "</body></html>";

        var content = new RenderedContent(TemplateId, subject, html, text, new Dictionary<TemplatePart, TemplateValidation>());
        var links = new EmailLinks(BookNext: book, Unsubscribe: unsubscribe, OneClickUnsubscribe: unsubscribe);
        return RenderedEmail.Create(content, to.Email, to.DisplayName, messageId, links, o.UnsubscribeMailto, meeting.PairId, programId)
            .InVoiceOf(meeting.Program) with
        { Invite = invite };
    }

    private static int Minutes(BookedMeeting meeting) => (int)(meeting.End - meeting.Start).TotalMinutes;

    private static string FirstName(ParticipantRecord person) =>
        person.DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "there";

    [LoggerMessage(5202, LogLevel.Information, "Booking {Change}: invitation to the {Kind} of pair {PairId}: {Outcome}")]
    private partial void LogSent(string change, string kind, string pairId, string outcome);
}
