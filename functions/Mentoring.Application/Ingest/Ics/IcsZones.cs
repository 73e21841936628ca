using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Mentoring.Engine.Time;

namespace Mentoring.Application.Ingest.Ics;

/// <summary>
/// The one place an iCalendar date-time becomes an instant: UTC values as they are, TZID values through
/// <see cref="TimeZoneInfo"/> (IANA and Windows ids both resolve on .NET, else the file's own VTIMEZONE for that id),
/// floating values in the caller's default zone.
/// </summary>
internal sealed class IcsZones(TimeZoneInfo defaultZone)
{
    private readonly Dictionary<string, TimeZoneInfo?> _cache = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The file's VTIMEZONEs by TZID, loaded (by Ical.Net, which costs more than reading a whole export of plain events)
    /// only when an event names a TZID that is neither IANA nor Windows.
    /// </summary>
    private readonly Dictionary<string, Lazy<VTimeZone?>> _definitions = new(StringComparer.OrdinalIgnoreCase);

    private readonly Dictionary<string, string> _problems = new(StringComparer.OrdinalIgnoreCase);

    public TimeZoneInfo DefaultZone { get; } = defaultZone;

    /// <summary>The zone a value's wall-clock time is in (UTC for UTC values, the default zone for floating ones).</summary>
    public TimeZoneInfo ZoneOf(CalDateTime value, int line, string component)
    {
        if (value.IsUtc)
            return TimeZoneInfo.Utc;
        if (value.IsFloating || string.IsNullOrWhiteSpace(value.TzId))
            return DefaultZone;
        if (Resolve(value.TzId) is { } zone)
            return zone;
        var why = _problems.TryGetValue(Normalise(value.TzId), out var problem)
            ? $"neither an IANA nor a Windows id, and {problem}"
            : "neither an IANA nor a Windows id, and the file defines no VTIMEZONE with that TZID";
        throw new HistoryFormatException(line, component, $"unknown time zone '{value.TzId}' ({why}).");
    }

    /// <summary>The zone with this IANA or Windows id, else as the file's VTIMEZONE with this TZID defines it, or null.</summary>
    public TimeZoneInfo? Resolve(string id)
    {
        if (_cache.TryGetValue(id, out var cached))
            return cached;
        var name = Normalise(id);
        var zone = Find(name) ?? Defined(name);
        _cache[id] = zone;
        return zone;
    }

    /// <summary>Adds one of the file's own definitions (a VTIMEZONE found as the file is scanned); the first for a TZID wins.</summary>
    public void Define(string tzId, Func<VTimeZone?> load)
    {
        if (!string.IsNullOrWhiteSpace(tzId) && _definitions.TryAdd(Normalise(tzId), new Lazy<VTimeZone?>(load)))
            _cache.Clear();
    }

    private TimeZoneInfo? Defined(string name)
    {
        if (!_definitions.TryGetValue(name, out var definition) || definition.Value is not { } loaded)
            return null;
        var zone = IcsDefinedZone.Read(loaded, name, out var problem);
        if (problem is not null)
            _problems[name] = problem;
        return zone;
    }

    private static string Normalise(string id) => id.Trim().Trim('"').Trim();

    public DateTimeOffset ToInstant(CalDateTime value, int line, string component)
    {
        try
        {
            return ToInstant(Wall(value), ZoneOf(value, line, component));
        }
        catch (HistoryFormatException e) when (e.Line is null && e.Problem is not null)
        {
            throw new HistoryFormatException(line, component, e.Problem, e);
        }
    }

    /// <summary>The value's wall-clock time (midnight for a date).</summary>
    public static DateTime Wall(CalDateTime value) =>
        DateTime.SpecifyKind(value.Date.ToDateTime(value.Time ?? TimeOnly.MinValue), DateTimeKind.Unspecified);

    /// <summary>
    /// A wall-clock time in a zone as an instant. A time skipped by a daylight-saving jump moves forward by the jump;
    /// a repeated time takes its first occurrence (RFC 5545, 3.3.5).
    /// </summary>
    /// <exception cref="HistoryFormatException">The time is outside the years a history may name (no line: the caller's to add).</exception>
    public static DateTimeOffset ToInstant(DateTime wall, TimeZoneInfo zone)
    {
        wall = DateTime.SpecifyKind(wall, DateTimeKind.Unspecified);
        if (wall.Year < HistoryLimits.Earliest.Year || wall.Year >= HistoryLimits.Latest.Year)
            throw new HistoryFormatException(null, null, HistoryBudget.RangeProblem(new DateTimeOffset(wall, TimeSpan.Zero)));
        return WallClock.ToInstant(wall, zone);
    }

    /// <summary>An instant as wall-clock time in a zone.</summary>
    public static DateTime ToWall(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(instant, zone).DateTime, DateTimeKind.Unspecified);

    private static TimeZoneInfo? Find(string id)
    {
        if (TryFind(id) is { } zone)
            return zone;
        if (TimeZoneInfo.TryConvertWindowsIdToIanaId(id, out var iana) && TryFind(iana) is { } fromWindows)
            return fromWindows;
        if (TimeZoneInfo.TryConvertIanaIdToWindowsId(id, out var windows) && TryFind(windows) is { } fromIana)
            return fromIana;

        // Some producers prefix a path, e.g. "/mozilla.org/20050126_1/Europe/Berlin".
        var parts = id.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length > 2 ? TryFind(string.Join('/', parts[^2..])) : null;
    }

    private static TimeZoneInfo? TryFind(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
        catch (InvalidTimeZoneException)
        {
            return null;
        }
    }
}
