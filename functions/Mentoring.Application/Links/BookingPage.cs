using System.Text;
using Mentoring.Application.Outbox.Rendering;
using Mentoring.Application.Roster;
using Mentoring.Engine.Meetings;
using Microsoft.AspNetCore.Http;

namespace Mentoring.Application.Links;

/// <summary>
/// The booking page as a person reads it on a phone or a desk: each proposed time a full-width button (a form that
/// POSTs <c>start</c>), a free date and time, and — once booked — the meeting with a cancel button. Times are in the
/// reader's zone, language and culture (<see cref="BookingWords"/>), with the partner's own time beside them.
/// </summary>
internal static class BookingPage
{
    private const string Choice = "display:block;width:100%;box-sizing:border-box;margin:.5rem 0;padding:.8rem 1rem;font-size:1rem;"
        + "text-align:left;background:#fff;color:#0b5e44;border:2px solid #0b6e4f;border-radius:8px;cursor:pointer";

    private const string Secondary = "padding:.7rem 1.4rem;font-size:1rem;background:#fff;color:#9b1c1c;border:2px solid #9b1c1c;border-radius:6px";

    public static IResult Show(
        ParticipantRecord reader, ParticipantRecord partner, ProgramRecord program, Meeting? booked, Meeting? other,
        IReadOnlyList<DateTimeOffset> proposals, DateTimeOffset now)
    {
        var (words, culture) = WordsFor(reader, partner, program);
        var html = new StringBuilder();
        if (booked is not null)
        {
            html.Append(LinkPages.Text(words.IsBooked(LocalTimes.DateTime(booked.Start, reader.TimeZoneId, culture))))
                .Append(LinkPages.Text(words.ToMove));
        }
        else
        {
            html.Append(LinkPages.Text(words.ChooseATime));
        }

        if (other is not null)
            html.Append(LinkPages.Text(words.CalendarShows(LocalTimes.DateTime(other.Start, reader.TimeZoneId, culture))));

        html.Append("<h2 style=\"font-size:1.1rem;margin-top:1.5rem\">").Append(LinkPages.Attribute(words.TimesThatSuit)).Append("</h2>");
        if (proposals.Count == 0)
        {
            html.Append(LinkPages.Text(words.NoOverlap));
        }
        else
        {
            html.Append(LinkPages.Text(words.ProposalsAre(reader.TimeZoneId)));
            foreach (var start in proposals)
            {
                var theirs = LocalTimes.Time(start, partner.TimeZoneId, culture);
                html.Append("<form method=\"post\" style=\"margin:0\"><button type=\"submit\" name=\"start\" value=\"")
                    .Append(LinkPages.Attribute(start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)))
                    .Append("\" style=\"").Append(Choice).Append("\"><strong>")
                    .Append(LinkPages.Attribute(LocalTimes.DateTime(start, reader.TimeZoneId, culture).Replace(" (" + reader.TimeZoneId + ")", "", StringComparison.Ordinal)))
                    .Append("</strong><br><span style=\"font-size:.9rem;color:#374151\">")
                    .Append(LinkPages.Attribute(reader.TimeZoneId == partner.TimeZoneId ? words.SameTimeForPartner : words.PartnersTime(theirs)))
                    .Append("</span></button></form>");
            }
        }

        html.Append("<h2 style=\"font-size:1.1rem;margin-top:1.5rem\">").Append(LinkPages.Attribute(words.AnotherTime)).Append("</h2>")
            .Append(LinkPages.Form(
                $"<p><label for=\"start\">{LinkPages.Attribute(words.DateAndTime(reader.TimeZoneId))}</label><br>"
                + "<input id=\"start\" type=\"datetime-local\" name=\"start\" required style=\"font-size:1rem;padding:.5rem;max-width:100%;box-sizing:border-box\"></p>",
                booked is null ? words.BookThisTime : words.MoveToThisTime));
        if (booked is not null)
        {
            html.Append("<h2 style=\"font-size:1.1rem;margin-top:1.5rem\">").Append(LinkPages.Attribute(words.CantMakeIt)).Append("</h2>")
                .Append("<form method=\"post\"><input type=\"hidden\" name=\"cancel\" value=\"yes\"><p><button type=\"submit\" style=\"")
                .Append(Secondary).Append("\">").Append(LinkPages.Attribute(words.CancelTheMeeting)).Append("</button></p></form>");
        }

        return LinkPages.Page(booked is null ? words.TitleToBook : words.TitleBooked, html.ToString(), language: words.Language);
    }

    public static IResult Done(ParticipantRecord reader, ParticipantRecord partner, ProgramRecord program, string status, DateTimeOffset start, int notInvited)
    {
        var (words, culture) = WordsFor(reader, partner, program);
        var (title, text) = words.Done(status, LocalTimes.DateTime(start, reader.TimeZoneId, culture));
        var body = LinkPages.Text(text);
        if (notInvited > 0)
            body += LinkPages.Text(words.NotEveryoneInvited);
        return LinkPages.Page(title, body, language: words.Language);
    }

    /// <summary>A refusal after the link was verified, in its reader's language.</summary>
    public static IResult Refuse(HttpRequest request, ParticipantRecord reader, ParticipantRecord partner, ProgramRecord program, int status, Func<BookingWords, (string Title, string Detail)> what)
    {
        var (words, _) = WordsFor(reader, partner, program);
        var (title, detail) = what(words);
        return LinkPages.Refuse(request, status, title, detail, words.Language);
    }

    /// <summary>The page speaks the reader's language, as their emails do, with its date formats.</summary>
    private static (BookingWords Words, System.Globalization.CultureInfo Culture) WordsFor(ParticipantRecord reader, ParticipantRecord partner, ProgramRecord program)
    {
        var language = ReaderLanguage.For(reader.Culture ?? program.Culture, BookingWords.Languages);
        return (new BookingWords(language.Language, BookingWords.FirstName(partner.DisplayName, language.Language)), language.Formats);
    }
}
