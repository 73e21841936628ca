using System.Globalization;

namespace Mentoring.Application.Ingest;

/// <summary>
/// A history file (iCalendar or JSON lines) that cannot be read, with where: the line and the component or field.
/// </summary>
public sealed class HistoryFormatException : Exception
{
    public HistoryFormatException()
        : this("The history file is malformed.")
    {
    }

    public HistoryFormatException(string message)
        : base(message)
    {
    }

    public HistoryFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public HistoryFormatException(int? line, string? component, string problem, Exception? innerException = null)
        : base(Describe(line, component, problem), innerException)
    {
        Line = line;
        Component = component;
        Problem = problem;
    }

    /// <summary>The 1-based line, where known.</summary>
    public int? Line { get; }

    /// <summary>The component, property or field at fault, where known (e.g. "VEVENT UID=abc: DTSTART", "field 'kind'").</summary>
    public string? Component { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string? Problem { get; }

    private static string Describe(int? line, string? component, string problem)
    {
        var where = (line, component) switch
        {
            ({ } l, { } c) => string.Create(CultureInfo.InvariantCulture, $"line {l}, {c}: "),
            ({ } l, null) => string.Create(CultureInfo.InvariantCulture, $"line {l}: "),
            (null, { } c) => c + ": ",
            _ => string.Empty,
        };
        return Printable(where + problem);
    }

    /// <summary>The text with control characters (a binary file, a CR-only line break) shown as '?', so a message
    /// quoting the input is one harmless line on a terminal.</summary>
    private static string Printable(string text) =>
        text.Any(char.IsControl) ? string.Concat(text.Select(c => char.IsControl(c) ? '?' : c)) : text;
}
