using Ical.Net.DataTypes;

namespace Mentoring.Application.Calendars.Ics;

/// <summary>
/// A light pass over the raw text, before Ical.Net reads it: checks the BEGIN/END structure, and records for every
/// VEVENT its line and which properties it really carries. Ical.Net fills a missing DTSTAMP with the current time and
/// reads an unparsable SEQUENCE or RECURRENCE-ID as nothing, and keeps no line numbers: this pass is what lets the
/// reader refuse those with the line at fault, and stay deterministic.
/// </summary>
internal static class IcsRawScanner
{
    public static IReadOnlyList<RawEvent> Scan(string text)
    {
        var events = new List<RawEvent>();
        var open = new Stack<(string Name, int Line)>();
        RawEvent? current = null;
        var sawCalendar = false;
        foreach (var (line, content) in Unfold(text))
        {
            var colon = content.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
                throw new HistoryFormatException(line, null, $"not an iCalendar content line (NAME:value): '{Shorten(content)}'.");

            var head = content[..colon];
            var value = content[(colon + 1)..];
            var semicolon = head.IndexOf(';', StringComparison.Ordinal);
            var name = (semicolon < 0 ? head : head[..semicolon]).Trim().ToUpperInvariant();
            var parameters = semicolon < 0 ? string.Empty : head[(semicolon + 1)..];
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
                throw new HistoryFormatException(line, null, $"'{Shorten(head)}' is not a property name.");

            if (name == "BEGIN")
            {
                var component = value.Trim().ToUpperInvariant();
                if (open.Count == 0 && component != "VCALENDAR")
                    throw new HistoryFormatException(line, "BEGIN:" + component, "a component outside BEGIN:VCALENDAR.");
                sawCalendar |= component == "VCALENDAR";
                if (component == "VEVENT" && open.Count > 1)
                {
                    var (outer, outerLine) = open.Peek();
                    throw new HistoryFormatException(line, "BEGIN:VEVENT", $"a VEVENT inside {outer} (begun on line {outerLine}); a VEVENT belongs directly in VCALENDAR.");
                }

                if (component == "VEVENT" && open.Count == 1)
                {
                    current = new RawEvent(events.Count, line);
                    events.Add(current);
                }

                open.Push((component, line));
                continue;
            }

            if (name == "END")
            {
                var component = value.Trim().ToUpperInvariant();
                if (open.Count == 0)
                    throw new HistoryFormatException(line, "END:" + component, "END without a matching BEGIN.");
                var (expected, beganAt) = open.Pop();
                if (expected != component)
                    throw new HistoryFormatException(line, "END:" + component, $"expected END:{expected} (BEGIN:{expected} is on line {beganAt}).");
                if (component == "VEVENT" && open.Count == 1)
                    current = null;
                continue;
            }

            if (open.Count == 0)
                throw new HistoryFormatException(line, name, "a property outside BEGIN:VCALENDAR.");
            if (current is not null && open.Count == 2)
            {
                if (name == "RRULE")
                    CheckRule(line, value);
                current.Add(name, new RawProperty(line, parameters, value));
            }
        }

        if (open.Count > 0)
        {
            var (component, beganAt) = open.Peek();
            throw new HistoryFormatException(beganAt, "BEGIN:" + component, $"END:{component} is missing.");
        }

        if (!sawCalendar)
            throw new HistoryFormatException(null, "VCALENDAR", "the file holds no calendar (BEGIN:VCALENDAR).");
        return events;
    }

    private static void CheckRule(int line, string value)
    {
        try
        {
            _ = new RecurrenceRule(value);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            throw new HistoryFormatException(line, "RRULE", $"'{Shorten(value)}' is not a recurrence rule ({e.Message}).", e);
        }
    }

    /// <summary>Logical lines (folded continuation lines joined), each with the number of its first physical line.</summary>
    private static IEnumerable<(int Line, string Content)> Unfold(string text)
    {
        var lines = text.Split('\n');
        string? pending = null;
        var pendingLine = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var physical = lines[i].TrimEnd('\r');
            if (pending is not null && physical.Length > 0 && (physical[0] == ' ' || physical[0] == '\t'))
            {
                pending += physical[1..];
                continue;
            }

            if (pending is not null)
                yield return (pendingLine, pending);
            pending = physical.Length == 0 ? null : physical;
            pendingLine = i + 1;
        }

        if (pending is not null)
            yield return (pendingLine, pending);
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}

/// <summary>One property line as written.</summary>
internal sealed record RawProperty(int Line, string Parameters, string Value);

/// <summary>One VEVENT as written: its position among the file's VEVENTs, its line, its properties (first of each name).</summary>
internal sealed class RawEvent(int index, int line)
{
    private readonly Dictionary<string, RawProperty> _first = new(StringComparer.Ordinal);

    public int Index { get; } = index;

    public int Line { get; } = line;

    public RawProperty? this[string name] => _first.GetValueOrDefault(name);

    public bool Has(string name) => _first.ContainsKey(name);

    public int LineOf(string name) => _first.TryGetValue(name, out var property) ? property.Line : Line;

    public void Add(string name, RawProperty property) => _first.TryAdd(name, property);
}
