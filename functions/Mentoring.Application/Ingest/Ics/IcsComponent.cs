namespace Mentoring.Application.Ingest.Ics;

/// <summary>One top-level component of a calendar (a VEVENT or a VTIMEZONE), as written.</summary>
/// <param name="Name">VEVENT or VTIMEZONE.</param>
/// <param name="Line">The line of its BEGIN.</param>
/// <param name="Event">For a VEVENT: its properties as written.</param>
/// <param name="Where">Where its text lies in the file.</param>
internal sealed record IcsComponent(string Name, int Line, RawEvent? Event, ComponentText Where)
{
    /// <summary>Its text, BEGIN to END, unfolded, without the free text the reader never uses: read again from the file when asked (most events never are).</summary>
    public string Text => IcsRawScanner.TextOf(Where);
}
