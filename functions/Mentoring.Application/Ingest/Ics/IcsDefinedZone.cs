using Ical.Net;
using Ical.Net.CalendarComponents;

namespace Mentoring.Application.Ingest.Ics;

/// <summary>
/// A zone as a file's own VTIMEZONE defines it, for a TZID that is neither IANA nor Windows (Outlook writes display
/// names such as "(UTC+07:00) Bangkok, Hanoi, Jakarta", or "UTC+11"). Reads the two shapes producers write: one fixed
/// offset (every observance has the same TZOFFSETTO, or only one observance), or a STANDARD and a DAYLIGHT observance
/// each repeating yearly on a day of a month (RFC 5545, 3.6.5). The latest observance of each kind is the rule in force.
/// </summary>
internal static class IcsDefinedZone
{
    /// <summary>The zone the definition describes, or null with the reason it cannot be read.</summary>
    public static TimeZoneInfo? Read(VTimeZone definition, string id, out string? problem)
    {
        problem = null;
        var observances = definition.TimeZoneInfos.Where(o => o.OffsetTo is not null).ToList();
        if (observances.Count == 0)
        {
            problem = "its VTIMEZONE has no STANDARD or DAYLIGHT with a TZOFFSETTO";
            return null;
        }

        var standard = Latest(observances, "STANDARD");
        var daylight = Latest(observances, "DAYLIGHT");
        var baseOffset = (standard ?? daylight)!.OffsetTo!.Offset;
        if (daylight is null || standard is null || daylight.OffsetTo!.Offset == baseOffset || Ended(daylight, standard))
            return Create(id, baseOffset, [], ref problem);

        var begins = Transition(daylight);
        var ends = Transition(standard);
        if (begins is null || ends is null)
        {
            problem = "its VTIMEZONE's STANDARD and DAYLIGHT do not both repeat yearly on one day of one month";
            return null;
        }

        try
        {
            var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
                DateTime.MinValue.Date, DateTime.MaxValue.Date, daylight.OffsetTo.Offset - baseOffset, begins.Value, ends.Value);
            return Create(id, baseOffset, [rule], ref problem);
        }
        catch (ArgumentException e)
        {
            problem = "its VTIMEZONE's rules are not a usable zone (" + e.Message + ")";
            return null;
        }
    }

    private static VTimeZoneInfo? Latest(List<VTimeZoneInfo> observances, string kind) =>
        observances
            .Where(o => string.Equals(o.Name, kind, StringComparison.OrdinalIgnoreCase))
            .OrderBy(o => o.DtStart is { } start ? IcsZones.Wall(start) : DateTime.MinValue)
            .LastOrDefault();

    /// <summary>Daylight saving that stopped (its yearly rule ends) before the latest standard time began.</summary>
    private static bool Ended(VTimeZoneInfo daylight, VTimeZoneInfo standard) =>
        daylight.RecurrenceRule?.Until is { } until &&
        standard.DtStart is { } standardStart &&
        IcsZones.Wall(until) < IcsZones.Wall(standardStart);

    /// <summary>The observance's yearly onset as a .NET transition: the nth (or last) weekday of a month, or a fixed day.</summary>
    private static TimeZoneInfo.TransitionTime? Transition(VTimeZoneInfo observance)
    {
        if (observance.DtStart is not { } start || observance.RecurrenceRule is not { } rule)
            return null;
        if (rule.Frequency != FrequencyType.Yearly || rule.Interval > 1 || rule.ByMonth.Count != 1)
            return null;

        var wall = IcsZones.Wall(start);
        var timeOfDay = new DateTime(1, 1, 1, wall.Hour, wall.Minute, wall.Second, DateTimeKind.Unspecified);
        var month = rule.ByMonth[0];
        if (rule.ByDay.Count == 1 && Week(rule.ByDay[0].Offset, rule.ByMonthDay) is { } week)
            return TimeZoneInfo.TransitionTime.CreateFloatingDateRule(timeOfDay, month, week, rule.ByDay[0].DayOfWeek);
        if (rule.ByDay.Count == 0 && rule.ByMonthDay.Count == 1 && rule.ByMonthDay[0] > 0)
            return TimeZoneInfo.TransitionTime.CreateFixedDateRule(timeOfDay, month, rule.ByMonthDay[0]);
        return null;
    }

    /// <summary>
    /// The week of the month (1-4, or 5 for the last) a BYDAY names: "2SU", "-1SU", or "SU" with seven BYMONTHDAYs
    /// (the older shape, "BYMONTHDAY=8,9,10,11,12,13,14;BYDAY=SU").
    /// </summary>
    private static int? Week(int? offset, List<int> monthDays)
    {
        if (offset is { } nth)
        {
            if (monthDays.Count > 0)
                return null;
            return nth == -1 ? 5 : nth is >= 1 and <= 5 ? nth : null;
        }

        if (monthDays.Count != 7 || monthDays.Min() is not (1 or 8 or 15 or 22) || monthDays.Max() != monthDays.Min() + 6)
            return null;
        return ((monthDays.Min() - 1) / 7) + 1;
    }

    private static TimeZoneInfo? Create(string id, TimeSpan baseOffset, TimeZoneInfo.AdjustmentRule[] rules, ref string? problem)
    {
        try
        {
            return TimeZoneInfo.CreateCustomTimeZone(id, baseOffset, id, id, id, rules);
        }
        catch (ArgumentException e)
        {
            problem = "its VTIMEZONE is not a usable zone (" + e.Message + ")";
            return null;
        }
    }
}
