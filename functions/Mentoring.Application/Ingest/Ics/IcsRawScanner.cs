using System.Text;
using Ical.Net.DataTypes;

namespace Mentoring.Application.Ingest.Ics;

/// <summary>
/// One pass over the raw text, before Ical.Net reads anything: checks the BEGIN/END structure and the limits, and hands
/// out the file's components one at a time — each VEVENT with its line, the calendar's METHOD and which properties it
/// really carries, and where its text lies, for Ical.Net to load it alone when the plain reading fails (so memory stays
/// that of one event, not of the whole file's object model); each VTIMEZONE likewise. Ical.Net fills a missing DTSTAMP with the current time and reads an
/// unparsable SEQUENCE or RECURRENCE-ID as nothing, and keeps no line numbers: this pass is what lets the reader refuse
/// those with the line at fault, and stay deterministic.
/// </summary>
internal static class IcsRawScanner
{
    /// <summary>Free text the reader never uses: left out of the text Ical.Net loads (they can be megabytes).</summary>
    private static readonly HashSet<string> Unread = new(["DESCRIPTION", "X-ALT-DESC", "ATTACH", "COMMENT"], StringComparer.Ordinal);

    private static readonly System.Buffers.SearchValues<char> NameCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-");

    /// <summary>The names found on nearly every line, as written (upper case).</summary>
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> KnownNames = new HashSet<string>(
        [
            "BEGIN", "END", "VERSION", "PRODID", "CALSCALE", "METHOD", "UID", "DTSTAMP", "DTSTART", "DTEND", "DURATION", "CREATED",
            "LAST-MODIFIED", "SEQUENCE", "STATUS", "SUMMARY", "DESCRIPTION", "LOCATION", "ORGANIZER", "ATTENDEE", "RRULE", "RDATE",
            "EXDATE", "RECURRENCE-ID", "TRANSP", "CLASS", "PRIORITY", "URL", "CATEGORIES", "TZID", "TZOFFSETFROM", "TZOFFSETTO",
            "TZNAME", "ACTION", "TRIGGER",
        ],
        StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    public static IEnumerable<IcsComponent> Scan(string text, HistoryBudget budget)
    {
        var limits = budget.Limits;
        if (text.Length > limits.MaxChars)
            throw new HistoryFormatException(null, null, $"the file holds {text.Length:N0} characters; at most {limits.MaxChars:N0} are read.");

        var lines = new IcsLines(text, budget);
        var open = new Stack<(string Name, int Line)>();
        RawEvent? current = null;
        var componentStart = -1;
        string? method = null;
        var sawCalendar = false;
        var components = 0;
        while (lines.Next(out var content))
        {
            var line = lines.Line;
            var colon = content.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
                throw new HistoryFormatException(line, null, $"not an iCalendar content line (NAME:value): '{Shorten(content)}'.");

            var semicolon = content.IndexOf(';', 0, colon);
            var name = PropertyName(content.AsSpan(0, semicolon < 0 ? colon : semicolon)) ??
                throw new HistoryFormatException(line, null, $"'{Shorten(content[..colon])}' is not a property name.");

            if (name == "BEGIN")
            {
                var component = content[(colon + 1)..].Trim().ToUpperInvariant();
                if (open.Count == 0 && component != "VCALENDAR")
                    throw new HistoryFormatException(line, "BEGIN:" + Shorten(component), "a component outside BEGIN:VCALENDAR.");
                if (open.Count >= limits.MaxDepth)
                    throw new HistoryFormatException(line, "BEGIN:" + Shorten(component), $"components nested more than {limits.MaxDepth} deep.");
                if (component == "VEVENT" && open.Count > 1)
                {
                    var (outer, outerLine) = open.Peek();
                    throw new HistoryFormatException(line, "BEGIN:VEVENT", $"a VEVENT inside {outer} (begun on line {outerLine}); a VEVENT belongs directly in VCALENDAR.");
                }

                if (component == "VCALENDAR")
                {
                    sawCalendar = true;
                    method = null;
                }

                if (open.Count == 1 && component is "VEVENT" or "VTIMEZONE")
                {
                    if (++components > limits.MaxItems)
                        throw new HistoryFormatException(line, "BEGIN:" + component, $"the file holds more than {limits.MaxItems:N0} components; at most that many are read.");
                    componentStart = lines.Start;
                    current = component == "VEVENT" ? new RawEvent(line, method) : null;
                }

                open.Push((component, line));
                continue;
            }

            if (name == "END")
            {
                var component = content[(colon + 1)..].Trim().ToUpperInvariant();
                if (open.Count == 0)
                    throw new HistoryFormatException(line, "END:" + Shorten(component), "END without a matching BEGIN.");
                var (expected, beganAt) = open.Pop();
                if (expected != component)
                    throw new HistoryFormatException(line, "END:" + Shorten(component), $"expected END:{expected} (BEGIN:{expected} is on line {beganAt}).");
                if (open.Count == 1 && componentStart >= 0)
                {
                    yield return new IcsComponent(component, beganAt, current, new ComponentText(text, componentStart, lines.Position, budget));
                    componentStart = -1;
                    current = null;
                }

                continue;
            }

            if (open.Count == 0)
                throw new HistoryFormatException(line, name, "a property outside BEGIN:VCALENDAR.");
            if (open.Count == 1 && name == "METHOD")
                method = content[(colon + 1)..].Trim();
            if (current is not null && open.Count == 2 && !Unread.Contains(name))
            {
                var property = new RawProperty(line, content, semicolon, colon);
                if (name == "RRULE")
                    current.Rule ??= CheckRule(line, property.Value);
                current.Add(name, property);
            }
        }

        if (open.Count > 0)
        {
            var (component, beganAt) = open.Peek();
            throw new HistoryFormatException(beganAt, "BEGIN:" + component, $"END:{component} is missing.");
        }

        if (!sawCalendar)
            throw new HistoryFormatException(null, "VCALENDAR", "the file holds no calendar (BEGIN:VCALENDAR).");
    }

    /// <summary>A component's text, BEGIN to END, unfolded, without the free text the reader never uses.</summary>
    public static string TextOf(ComponentText where)
    {
        var lines = new IcsLines(where.File, where.Budget, where.Start, where.End);
        var body = new StringBuilder();
        var depth = 0;
        while (lines.Next(out var content))
        {
            var name = NameOf(content);
            if (name == "BEGIN")
                depth++;
            else if (name == "END")
                depth--;
            else if (depth == 1 && Unread.Contains(name))
                continue;
            body.Append(content).Append("\r\n");
        }

        return body.ToString();
    }

    /// <summary>A VTIMEZONE's TZID, or null if it has none.</summary>
    public static string? ZoneIdOf(ComponentText where)
    {
        var lines = new IcsLines(where.File, where.Budget, where.Start, where.End);
        var depth = 0;
        while (lines.Next(out var content))
        {
            var name = NameOf(content);
            if (name == "BEGIN")
                depth++;
            else if (name == "END")
                depth--;
            else if (depth == 1 && name == "TZID")
                return UnescapeText(content[(content.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
        }

        return null;
    }

    /// <summary>A TEXT value as meant: \, \; \\ and \n written escaped (RFC 5545, 3.3.11; Outlook's TZIDs carry commas).</summary>
    private static string UnescapeText(string value)
    {
        if (!value.Contains('\\', StringComparison.Ordinal))
            return value;
        var text = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                var next = value[++i];
                text.Append(next is 'n' or 'N' ? '\n' : next);
                continue;
            }

            text.Append(value[i]);
        }

        return text.ToString();
    }

    private static string NameOf(string content)
    {
        var colon = content.IndexOf(':', StringComparison.Ordinal);
        var head = content.AsSpan(0, colon < 0 ? content.Length : colon);
        var semicolon = head.IndexOf(';');
        return PropertyName(semicolon < 0 ? head : head[..semicolon]) ?? string.Empty;
    }

    /// <summary>A property or component name in upper case (the names calendars write are shared, not copied), or null if it is not one.</summary>
    private static string? PropertyName(ReadOnlySpan<char> written)
    {
        var name = written.Trim();
        if (name.IsEmpty || name.ContainsAnyExcept(NameCharacters))
            return null;
        return KnownNames.TryGetValue(name, out var known) ? known : name.ToString().ToUpperInvariant();
    }

    private static RecurrenceRule CheckRule(int line, string value)
    {
        try
        {
            return new RecurrenceRule(value);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            throw new HistoryFormatException(line, "RRULE", $"'{Shorten(value)}' is not a recurrence rule ({e.Message}).", e);
        }
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
