using System.Text;

namespace Mentoring.IcsBench;

/// <summary>The adversarial feeds the bench reads: a folded property of megabytes, a rule that never matches.</summary>
internal static class FeedFiles
{
    /// <summary>A 4 MiB feed: one event whose DESCRIPTION is 2 MB folded at 75 octets, then ordinary events up to 4 MiB.</summary>
    public static string FoldedProperty(string path)
    {
        var text = new StringBuilder(4 * 1024 * 1024);
        text.Append("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\n");
        text.Append("BEGIN:VEVENT\r\nUID:folded@bench\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:20250106T100000Z\r\nDURATION:PT1H\r\nDESCRIPTION:");
        var description = new string('x', 2_000_000);
        for (var i = 0; i < description.Length; i += 74)
            text.Append(i == 0 ? string.Empty : "\r\n ").Append(description, i, Math.Min(74, description.Length - i));
        text.Append("\r\nEND:VEVENT\r\n");
        var n = 0;
        while (text.Length < 4 * 1024 * 1024 - 400)
        {
            text.Append("BEGIN:VEVENT\r\nUID:filler-").Append(n).Append("@bench\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:20250107T100000Z\r\n")
                .Append("DURATION:PT1H\r\nSUMMARY:Mentoring\r\nDESCRIPTION:").Append('y', 150).Append("\r\nEND:VEVENT\r\n");
            n++;
        }

        text.Append("END:VCALENDAR\r\n");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    /// <summary>A series whose rule never matches (February 30th), every second: it ends only by giving up.</summary>
    public static string NeverEnding(string path)
    {
        File.WriteAllText(path, string.Join("\r\n",
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//EN",
            "BEGIN:VEVENT", "UID:never@bench", "DTSTAMP:20250101T000000Z", "DTSTART:20250106T100000Z", "DURATION:PT1H",
            "RRULE:FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30", "END:VEVENT", "END:VCALENDAR", string.Empty));
        return path;
    }
}
