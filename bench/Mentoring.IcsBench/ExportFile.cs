using System.Globalization;
using System.Text;

namespace Mentoring.IcsBench;

/// <summary>
/// A whole calendar export of the shape Google Calendar writes (VTIMEZONE, then one VEVENT per meeting with TZID times,
/// CREATED/LAST-MODIFIED/DTSTAMP, an attendee, a folded DESCRIPTION on one in four): years of single meetings, some moved or
/// cancelled, and weekly series with overrides and EXDATEs. Deterministic for a given size.
/// </summary>
internal static class ExportFile
{
    private static readonly DateTime First = new(2019, 1, 7, 9, 0, 0);

    public static string Write(string path, int events)
    {
        var random = new Random(13);
        using var file = new StreamWriter(path, false, new UTF8Encoding(false));
        file.Write(string.Join("\r\n",
            "BEGIN:VCALENDAR", "PRODID:-//Google Inc//Google Calendar 70.9054//EN", "VERSION:2.0", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "X-WR-CALNAME:maria.mentor@contoso.com", "X-WR-TIMEZONE:Europe/Berlin",
            "BEGIN:VTIMEZONE", "TZID:Europe/Berlin", "X-LIC-LOCATION:Europe/Berlin",
            "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
            "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19701025T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
            "END:VTIMEZONE", string.Empty));

        var written = 0;
        var series = 0;
        while (written < events)
        {
            // Every 50th slot a weekly series of a quarter with two overrides and an EXDATE; otherwise a single meeting.
            var start = First.AddHours(written / 16 * 24 + written % 16);
            if (written % 50 == 0 && written + 3 <= events)
            {
                var uid = string.Create(CultureInfo.InvariantCulture, $"series{series++:D6}@google.com");
                Event(file, random, uid, start, null, "RRULE:FREQ=WEEKLY;COUNT=12\r\nEXDATE;TZID=Europe/Berlin:" + Local(start.AddDays(21)));
                Event(file, random, uid, start.AddDays(7).AddHours(1), start.AddDays(7), null);
                Event(file, random, uid, start.AddDays(14), start.AddDays(14), "STATUS:CANCELLED");
                written += 3;
                continue;
            }

            var status = random.Next(10) == 0 ? "STATUS:CANCELLED" : null;
            Event(file, random, string.Create(CultureInfo.InvariantCulture, $"{written:D8}-single@google.com"), start, null, status);
            written++;
        }

        file.Write("END:VCALENDAR\r\n");
        return path;
    }

    private static void Event(StreamWriter file, Random random, string uid, DateTime start, DateTime? recurrenceId, string? extra)
    {
        var created = start.AddDays(-random.Next(2, 30));
        var modified = created.AddHours(random.Next(1, 48));
        file.Write("BEGIN:VEVENT\r\n");
        file.Write("DTSTART;TZID=Europe/Berlin:" + Local(start) + "\r\n");
        file.Write("DTEND;TZID=Europe/Berlin:" + Local(start.AddMinutes(45)) + "\r\n");
        file.Write("DTSTAMP:20260301T120000Z\r\n");
        file.Write("ORGANIZER;CN=Maria Mentor:mailto:maria.mentor@contoso.com\r\n");
        file.Write("UID:" + uid + "\r\n");
        if (recurrenceId is { } id)
            file.Write("RECURRENCE-ID;TZID=Europe/Berlin:" + Local(id) + "\r\n");
        file.Write("ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Tom Mentee;X-NUM-GUESTS=0:mailto:tom.mentee@contoso.com\r\n");
        file.Write("CREATED:" + Utc(created) + "\r\n");
        if (random.Next(4) == 0)
        {
            Folded(file, "DESCRIPTION:Agenda: progress since last time\\, one blocker\\, next steps. Join with Google Meet: "
                + "https://meet.google.com/abc-defg-hij. Reference " + random.Next().ToString(CultureInfo.InvariantCulture));
        }

        file.Write("LAST-MODIFIED:" + Utc(modified) + "\r\n");
        file.Write("LOCATION:\r\nSEQUENCE:" + (recurrenceId is null ? "0" : "1") + "\r\n");
        file.Write(extra is null ? "STATUS:CONFIRMED\r\n" : extra + "\r\n");
        file.Write("SUMMARY:Mentoring: Maria / Tom\r\nTRANSP:OPAQUE\r\nEND:VEVENT\r\n");
    }

    /// <summary>A content line folded at 75 octets, as RFC 5545 3.1 asks.</summary>
    private static void Folded(StreamWriter file, string line)
    {
        for (var i = 0; i < line.Length; i += 74)
        {
            if (i > 0)
                file.Write(' ');
            file.Write(line.AsSpan(i, Math.Min(74, line.Length - i)));
            file.Write("\r\n");
        }
    }

    private static string Local(DateTime wall) => wall.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);

    private static string Utc(DateTime wall) => wall.AddHours(-1).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
}
