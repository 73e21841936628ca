using System.Globalization;
using System.Text;

namespace Mentoring.Application.Ingest.Ics;

/// <summary>
/// The logical lines of an iCalendar text: physical lines end with CRLF, LF or a lone CR; a line that starts with a space
/// or a tab continues the previous one (RFC 5545, 3.1). Linear in the text's length: a folded property is joined in one
/// growing buffer, never by concatenating strings. Refuses control characters (binary input) and over-long lines.
/// Reads the whole text, or the part from <c>start</c> to <c>end</c> (one component read again).
/// </summary>
internal sealed class IcsLines(string text, HistoryBudget budget, int start = 0, int? end = null)
{
    private readonly StringBuilder _folded = new();
    private readonly int _end = end ?? text.Length;
    private int _position = start;
    private int _physical;

    /// <summary>The 1-based number of the current logical line's first physical line (counted from the start read).</summary>
    public int Line { get; private set; }

    /// <summary>Where the current logical line begins in the text.</summary>
    public int Start { get; private set; }

    /// <summary>Where the text after the current logical line (and its line break) begins.</summary>
    public int Position => _position;

    /// <summary>The next logical line; false at the end of the text.</summary>
    public bool Next(out string content)
    {
        while (_position < _end)
        {
            var (first, length) = ReadPhysical();
            if (length == 0)
                continue; // a blank line between properties

            Line = _physical;
            Start = first;
            if (!IsContinuation(_position))
            {
                content = text.Substring(first, length);
                return true;
            }

            _folded.Clear();
            _folded.Append(text, first, length);
            while (IsContinuation(_position))
            {
                var (more, moreLength) = ReadPhysical();
                if (_folded.Length + moreLength - 1 > budget.Limits.MaxLineChars)
                    throw TooLong(Line);
                _folded.Append(text, more + 1, moreLength - 1);
            }

            content = _folded.ToString();
            return true;
        }

        content = string.Empty;
        return false;
    }

    private bool IsContinuation(int position) => position < _end && text[position] is ' ' or '\t';

    /// <summary>One physical line (without its line break), checked; advances past its line break.</summary>
    private (int Start, int Length) ReadPhysical()
    {
        _physical++;
        if ((_physical & 0x3FF) == 0)
            budget.Check(_physical);
        var first = _position;
        var last = first;
        while (last < _end)
        {
            var c = text[last];
            if (c is '\r' or '\n')
                break;
            if (c < ' ' && c != '\t' || c == '\u007F')
                throw Control(c);
            last++;
            if (last - first > budget.Limits.MaxLineChars)
                throw TooLong(_physical);
        }

        _position = last;
        if (_position < _end && text[_position] == '\r')
            _position++;
        if (_position < _end && text[_position] == '\n')
            _position++;
        return (first, last - first);
    }

    private HistoryFormatException Control(char c) => new(
        _physical,
        null,
        string.Create(CultureInfo.InvariantCulture, $"control character U+{(int)c:X4} is not iCalendar text: is this a binary file rather than an .ics export?"));

    private HistoryFormatException TooLong(int line) => new(
        line,
        null,
        string.Create(CultureInfo.InvariantCulture, $"a line longer than {budget.Limits.MaxLineChars:N0} characters (after unfolding)."));
}
