using Ical.Net.DataTypes;

namespace Mentoring.Application.Ingest.Ics;

/// <summary>
/// One VEVENT as written: its line, its calendar's METHOD, its properties (first of each name; every RDATE and EXDATE
/// line), which names were repeated, and its first RRULE as read.
/// </summary>
internal sealed class RawEvent(int line, string? method)
{
    private readonly Dictionary<string, RawProperty> _first = new(StringComparer.Ordinal);
    private Dictionary<string, List<RawProperty>>? _lists;
    private HashSet<string>? _repeated;

    /// <summary>Position among the file's VEVENTs (the last tie-break); set by the reader.</summary>
    public int Index { get; set; }

    public int Line { get; } = line;

    /// <summary>The METHOD of the VCALENDAR the event is in (iTIP), if any.</summary>
    public string? Method { get; } = method;

    public RawProperty? this[string name] => _first.GetValueOrDefault(name);

    public bool Has(string name) => _first.ContainsKey(name);

    public int LineOf(string name) => _first.TryGetValue(name, out var property) ? property.Line : Line;

    /// <summary>The first RRULE, parsed when it was scanned.</summary>
    public RecurrenceRule? Rule { get; set; }

    public bool IsRepeated(string name) => _repeated?.Contains(name) == true;

    /// <summary>Every line of a property written more than once by design (RDATE, EXDATE), in order.</summary>
    public IReadOnlyList<RawProperty> AllOf(string name) => _lists is not null && _lists.TryGetValue(name, out var all) ? all : [];

    public void Add(string name, RawProperty property)
    {
        if (name is "RDATE" or "EXDATE")
        {
            _lists ??= new Dictionary<string, List<RawProperty>>(StringComparer.Ordinal);
            if (!_lists.TryGetValue(name, out var all))
                _lists[name] = all = [];
            all.Add(property);
        }

        if (!_first.TryAdd(name, property))
            (_repeated ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);
    }
}
