using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;

namespace Mentoring.Application.Calendars.Ics;

/// <summary>
/// Expands a series master into its original slots up to a horizon. Ical.Net evaluates the RRULE on the master's
/// wall-clock time (a floating copy, so a weekly 10:00 stays 10:00 across a daylight-saving change); each slot is then
/// converted to an instant through <see cref="IcsZones"/>. EXDATEs and overrides are not applied here: the reader
/// turns those into changes.
/// </summary>
internal static class SeriesExpander
{
    /// <summary>A bound far above any real series inside a horizon, so a FREQ=SECONDLY rule cannot run away.</summary>
    public const int MaxOccurrences = 5_000;

    public static IReadOnlyList<DateTimeOffset> Slots(EventVersion master, DateTimeOffset horizon)
    {
        var zone = master.StartZone;
        var floating = new CalendarEvent { DtStart = Floating(master.StartWall, master.StartIsDate) };
        if (master.Rule is { } rule)
            floating.RecurrenceRule = InWallTime(rule, zone, master.StartIsDate);

        var slots = new SortedSet<DateTimeOffset>();
        var lastWall = IcsZones.ToWall(horizon, zone).AddDays(1);
        var count = 0;
        foreach (var occurrence in floating.GetOccurrences(null, null))
        {
            var wall = IcsZones.Wall(occurrence.Period.StartTime);
            if (wall > lastWall)
                break;
            if (++count > MaxOccurrences)
            {
                throw new HistoryFormatException(
                    master.Line,
                    master.Describe() + ": RRULE",
                    $"the series has more than {MaxOccurrences} occurrences before {horizon:O}.");
            }

            var slot = IcsZones.ToInstant(wall, zone);
            if (slot <= horizon)
                slots.Add(slot);
        }

        foreach (var extra in master.ExtraDates)
        {
            if (extra <= horizon)
                slots.Add(extra);
        }

        return [.. slots];
    }

    private static CalDateTime Floating(DateTime wall, bool isDate) =>
        isDate
            ? new CalDateTime(DateOnly.FromDateTime(wall))
            : new CalDateTime(DateOnly.FromDateTime(wall), TimeOnly.FromDateTime(wall), null);

    /// <summary>A copy of the rule whose UNTIL (often UTC) is expressed in the series' wall-clock time.</summary>
    private static RecurrenceRule InWallTime(RecurrenceRule rule, TimeZoneInfo zone, bool isDate)
    {
        var copy = new RecurrenceRule(rule.ToString() ?? string.Empty);
        if (copy.Until is { } until)
        {
            var wall = until.IsUtc ? IcsZones.ToWall(new DateTimeOffset(until.Value, TimeSpan.Zero), zone) : IcsZones.Wall(until);
            copy.Until = isDate ? new CalDateTime(DateOnly.FromDateTime(wall)) : Floating(wall, isDate: false);
        }

        return copy;
    }
}
