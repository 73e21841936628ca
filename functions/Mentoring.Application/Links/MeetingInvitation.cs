using System.Globalization;
using System.Text;

namespace Mentoring.Application.Links;

/// <summary>A person on an invitation: address and display name (the name only in the CN parameter).</summary>
internal sealed record InvitationPerson(string Email, string Name);

/// <summary>
/// Writes a booked meeting as an iTIP message (RFC 5546) in iCalendar (RFC 5545): METHOD:REQUEST to book or move it,
/// METHOD:CANCEL to call it off. The program's address organizes; both participants attend; the UID is the ledger's
/// meeting id and SEQUENCE counts the changes, so a calendar replaces its copy instead of adding one. Times are UTC.
/// </summary>
internal static class MeetingInvitation
{
    public const string Request = "REQUEST";
    public const string Cancel = "CANCEL";

    private const int MaxLineOctets = 75;

    public static string Write(
        string method, string uid, int sequence, DateTimeOffset start, DateTimeOffset end, DateTimeOffset stamp,
        string summary, string description, InvitationPerson organizer, IReadOnlyList<InvitationPerson> attendees)
    {
        var ics = new StringBuilder();
        void Line(string text) => Fold(ics, text);
        Line("BEGIN:VCALENDAR");
        Line("PRODID:-//Mentoring Engine//Booking//EN");
        Line("VERSION:2.0");
        Line("CALSCALE:GREGORIAN");
        Line("METHOD:" + method);
        Line("BEGIN:VEVENT");
        Line("UID:" + uid);
        Line("DTSTAMP:" + Utc(stamp));
        Line("SEQUENCE:" + sequence.ToString(CultureInfo.InvariantCulture));
        Line("DTSTART:" + Utc(start));
        Line("DTEND:" + Utc(end));
        Line("SUMMARY:" + Text(summary));
        Line("DESCRIPTION:" + Text(description));
        Line("ORGANIZER;CN=" + Param(organizer.Name) + ":mailto:" + organizer.Email);
        foreach (var attendee in attendees)
            Line("ATTENDEE;CN=" + Param(attendee.Name) + ";CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:" + attendee.Email);
        Line("STATUS:" + (method == Cancel ? "CANCELLED" : "CONFIRMED"));
        Line("TRANSP:OPAQUE");
        Line("END:VEVENT");
        Line("END:VCALENDAR");
        return ics.ToString();
    }

    private static string Utc(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>RFC 5545 §3.3.11 TEXT: backslash, semicolon and comma escaped, line breaks as \n.</summary>
    private static string Text(string value) => value
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal)
        .ReplaceLineEndings("\\n");

    /// <summary>A parameter value: quoted when it holds ':', ';' or ','; DQUOTE and control characters cannot appear, so they go.</summary>
    private static string Param(string value)
    {
        var clean = new string([.. value.Where(c => c != '"' && !char.IsControl(c))]);
        return clean.AsSpan().IndexOfAny(":;,") >= 0 ? "\"" + clean + "\"" : clean;
    }

    /// <summary>§3.1: content lines of at most 75 octets, continued with CRLF and a space, never inside a UTF-8 sequence.</summary>
    private static void Fold(StringBuilder ics, string line)
    {
        var octets = 0;
        var limit = MaxLineOctets;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > limit)
            {
                ics.Append("\r\n ");
                octets = 0;
                limit = MaxLineOctets - 1; // the leading space counts
            }

            ics.Append(rune.ToString());
            octets += size;
        }

        ics.Append("\r\n");
    }
}
