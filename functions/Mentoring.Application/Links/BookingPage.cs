using System.Text;
using Mentoring.Application.Outbox.Rendering;
using Mentoring.Application.Roster;
using Mentoring.Engine.Meetings;
using Microsoft.AspNetCore.Http;

namespace Mentoring.Application.Links;

/// <summary>
/// The booking page as a person reads it on a phone or a desk: each proposed time a full-width button (a form that
/// POSTs <c>start</c>), a free date and time, and — once booked — the meeting with a cancel button. Times are in the
/// reader's zone and culture, with the partner's own time beside them.
/// </summary>
internal static class BookingPage
{
    private static readonly string[] EnglishOnly = [ReaderLanguage.DefaultLanguage];

    private const string Choice = "display:block;width:100%;box-sizing:border-box;margin:.5rem 0;padding:.8rem 1rem;font-size:1rem;"
        + "text-align:left;background:#fff;color:#0b5e44;border:2px solid #0b6e4f;border-radius:8px;cursor:pointer";

    private const string Secondary = "padding:.7rem 1.4rem;font-size:1rem;background:#fff;color:#9b1c1c;border:2px solid #9b1c1c;border-radius:6px";

    public static IResult Show(
        ParticipantRecord reader, ParticipantRecord partner, ProgramRecord program, Meeting? booked, Meeting? other,
        IReadOnlyList<DateTimeOffset> proposals, DateTimeOffset now)
    {
        var culture = ReaderLanguage.For(reader.Culture ?? program.Culture, EnglishOnly).Formats; // the page is English: one language on it
        var partnerName = FirstName(partner);
        var html = new StringBuilder();
        if (booked is not null)
        {
            html.Append(LinkPages.Text($"Your next meeting with {partnerName} is booked: {LocalTimes.DateTime(booked.Start, reader.TimeZoneId, culture)}."))
                .Append(LinkPages.Text("To move it, choose another time below: both of you get the updated invitation."));
        }
        else
        {
            html.Append(LinkPages.Text($"Choose a time for your next meeting with {partnerName}. Both of you get a calendar invitation."));
        }

        if (other is not null)
            html.Append(LinkPages.Text($"Your calendar already shows a meeting with {partnerName} on {LocalTimes.DateTime(other.Start, reader.TimeZoneId, culture)}."));

        html.Append("<h2 style=\"font-size:1.1rem;margin-top:1.5rem\">Times that suit you both</h2>");
        if (proposals.Count == 0)
        {
            html.Append(LinkPages.Text("Your working hours and your partner's do not overlap in the coming weeks. Pick a time below."));
        }
        else
        {
            html.Append(LinkPages.Text($"Inside both your working hours, clear of meetings already booked. Times are yours ({reader.TimeZoneId})."));
            foreach (var start in proposals)
            {
                var theirs = LocalTimes.Time(start, partner.TimeZoneId, culture);
                html.Append("<form method=\"post\" style=\"margin:0\"><button type=\"submit\" name=\"start\" value=\"")
                    .Append(LinkPages.Attribute(start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)))
                    .Append("\" style=\"").Append(Choice).Append("\"><strong>")
                    .Append(LinkPages.Attribute(LocalTimes.DateTime(start, reader.TimeZoneId, culture).Replace(" (" + reader.TimeZoneId + ")", "", StringComparison.Ordinal)))
                    .Append("</strong><br><span style=\"font-size:.9rem;color:#374151\">")
                    .Append(LinkPages.Attribute(reader.TimeZoneId == partner.TimeZoneId ? "the same time for " + partnerName : theirs + " for " + partnerName))
                    .Append("</span></button></form>");
            }
        }

        html.Append("<h2 style=\"font-size:1.1rem;margin-top:1.5rem\">Another time</h2>")
            .Append(LinkPages.Form(
                $"<p><label for=\"start\">Date and time, your time ({LinkPages.Attribute(reader.TimeZoneId)})</label><br>"
                + "<input id=\"start\" type=\"datetime-local\" name=\"start\" required style=\"font-size:1rem;padding:.5rem;max-width:100%;box-sizing:border-box\"></p>",
                booked is null ? "Book this time" : "Move to this time"));
        if (booked is not null)
        {
            html.Append("<h2 style=\"font-size:1.1rem;margin-top:1.5rem\">Can't make it?</h2>")
                .Append("<form method=\"post\"><input type=\"hidden\" name=\"cancel\" value=\"yes\"><p><button type=\"submit\" style=\"")
                .Append(Secondary).Append("\">Cancel the meeting</button></p></form>");
        }

        return LinkPages.Page(booked is null ? "Book your next mentoring meeting" : "Your next mentoring meeting", html.ToString());
    }

    public static IResult Done(ParticipantRecord reader, ParticipantRecord partner, ProgramRecord program, string status, DateTimeOffset start, int notInvited)
    {
        var culture = ReaderLanguage.For(reader.Culture ?? program.Culture, EnglishOnly).Formats; // the page is English: one language on it
        var when = LocalTimes.DateTime(start, reader.TimeZoneId, culture);
        var partnerName = FirstName(partner);
        var (title, text) = status switch
        {
            "booked" => ("Booked", $"Your meeting with {partnerName} is booked: {when}. You both get a calendar invitation by email."),
            "moved" => ("Moved", $"Your meeting with {partnerName} is now {when}. You both get the updated invitation by email."),
            "cancelled" => ("Cancelled", $"Your meeting with {partnerName} on {when} is cancelled. You both get the cancellation by email."),
            _ => ("Already booked", $"Your meeting with {partnerName} is booked for {when}. Nothing else to do."),
        };
        var body = LinkPages.Text(text);
        if (notInvited > 0)
            body += LinkPages.Text("Not everyone takes email from the program, so not everyone gets the invitation: please tell your partner yourself.");
        return LinkPages.Page(title, body);
    }

    private static string FirstName(ParticipantRecord person) =>
        person.DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "your partner";
}
