using System.Globalization;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Evaluation;

namespace Mentoring.Application.Ingest.Ics;

/// <summary>
/// Expands a series master into its original slots inside a window that ends at the horizon. Ical.Net evaluates the
/// RRULE on the master's wall-clock time (a floating copy, so a weekly 10:00 stays 10:00 across a daylight-saving
/// change); each slot is then converted to an instant through <see cref="IcsZones"/>. EXDATEs and overrides are not
/// applied here: the reader turns those into changes.
/// </summary>
/// <remarks>
/// Only the window is read: from <c>from</c> (the pair's period), and never more than
/// <see cref="HistoryLimits.MaxOccurrences"/> before the horizon. A series that began long before is moved forward by
/// whole periods before Ical.Net sees it (Ical.Net walks every period from DTSTART, a second at a time for
/// FREQ=SECONDLY); what lies before the window is reported, not read. A rule that stops matching (BYMONTHDAY=30 in
/// February) ends the series where Ical.Net gives up looking (<see cref="UnmatchedLimit"/> periods without a match).
/// </remarks>
internal static class SeriesExpander
{
    /// <summary>Periods in a row without an occurrence before a rule is taken to match no more (a daily rule limited to
    /// February waits ~335 days; an hourly one ~8,000 hours).</summary>
    public const int UnmatchedLimit = 10_000;

    /// <summary>Occurrences per allowed one that a rule may produce inside the window before it is refused as not a meeting series.</summary>
    private const int Overrun = 20;

    public static SeriesSlots Slots(EventVersion master, DateTimeOffset? from, DateTimeOffset horizon, HistoryBudget budget)
    {
        var limit = budget.Limits.MaxOccurrences;
        var zone = master.StartZone;
        var lastWall = IcsZones.ToWall(horizon, zone).AddDays(1);
        var (startWall, rule) = (master.StartWall, master.Rule);
        var movedTo = (DateTime?)null;
        if (rule is { Count: null } && Period(rule) is { } period)
        {
            var last = IcsZones.ToWall(horizon, zone);
            var span = period.Ticks * (double)limit;
            var earliest = span >= last.Ticks ? DateTime.MinValue : last - TimeSpan.FromTicks((long)span);
            if (from is { } f && IcsZones.ToWall(f, zone).AddDays(-1) > earliest)
                earliest = IcsZones.ToWall(f, zone).AddDays(-1);
            if (earliest > startWall && MoveForward(startWall, rule, earliest) is { } moved && moved > startWall)
            {
                startWall = moved;
                movedTo = moved;
            }
        }

        var floating = new CalendarEvent { DtStart = Floating(startWall, master.StartIsDate) };
        if (rule is not null)
            floating.RecurrenceRule = InWallTime(master.RuleText ?? rule.ToString() ?? string.Empty, zone, master.StartIsDate, movedTo is null ? null : master.StartWall);

        var kept = new Queue<DateTimeOffset>();
        var dropped = 0;
        var produced = 0;
        string? stopped = null;
        using (var occurrences = floating.GetOccurrences(null, new EvaluationOptions { MaxUnmatchedIncrementsLimit = UnmatchedLimit }).GetEnumerator())
        {
            while (true)
            {
                budget.Check(master.Line, master.Describe() + ": RRULE");
                try
                {
                    if (!occurrences.MoveNext())
                        break;
                }
                catch (EvaluationLimitExceededException)
                {
                    stopped = produced == 0 ? "its RRULE matches no date" : "its RRULE matches no date after the last one read";
                    break;
                }
                catch (EvaluationOutOfRangeException)
                {
                    break;
                }

                var wall = IcsZones.Wall(occurrences.Current.Period.StartTime);
                if (wall > lastWall)
                    break;
                if (++produced > limit * Overrun)
                {
                    throw new HistoryFormatException(
                        master.Line,
                        master.Describe() + ": RRULE",
                        $"the rule gives more than {limit * Overrun:N0} occurrences in the {limit:N0} periods before {horizon:yyyy-MM-dd}: not a meeting series.");
                }

                var slot = IcsZones.ToInstant(wall, zone);
                if (slot > horizon || slot < from)
                    continue;
                kept.Enqueue(slot);
                if (kept.Count > limit)
                {
                    kept.Dequeue();
                    dropped++;
                }
            }
        }

        if (produced == 0 && stopped is null)
            stopped = string.Create(CultureInfo.InvariantCulture, $"its RRULE gives no date up to {horizon:yyyy-MM-dd}");
        var slots = new SortedSet<DateTimeOffset>(kept);
        var readFrom = movedTo is { } m ? IcsZones.ToInstant(m, zone) : from;
        if (dropped > 0)
            readFrom = slots.Min;
        foreach (var extra in master.ExtraDates)
        {
            if (extra <= horizon && (readFrom is null || extra >= readFrom))
                slots.Add(extra);
        }

        return new SeriesSlots([.. slots], readFrom, Note(master, movedTo is not null || dropped > 0 ? readFrom : null, stopped));
    }

    private static string? Note(EventVersion master, DateTimeOffset? readFrom, string? stopped)
    {
        var notes = new List<string>();
        if (readFrom is { } r)
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"occurrences before {r:yyyy-MM-dd} lie outside the window read and were not read"));
        if (stopped is not null)
            notes.Add(stopped);
        return notes.Count == 0 ? null : $"{master.Describe()} (line {master.Line}): {string.Join("; ", notes)}.";
    }

    /// <summary>The length of one step of the rule (its interval), for the rules whose steps have one length or nearly.</summary>
    private static TimeSpan? Period(RecurrenceRule rule)
    {
        var interval = Math.Max(rule.Interval, 1);
        if (interval > 1_000)
            return null; // a rule this sparse has few occurrences anyway
        return rule.Frequency switch
        {
            FrequencyType.Secondly => TimeSpan.FromSeconds(interval),
            FrequencyType.Minutely => TimeSpan.FromMinutes(interval),
            FrequencyType.Hourly => TimeSpan.FromHours(interval),
            FrequencyType.Daily => TimeSpan.FromDays(interval),
            FrequencyType.Weekly => TimeSpan.FromDays(7 * interval),
            FrequencyType.Monthly => TimeSpan.FromDays(31 * interval),
            FrequencyType.Yearly => TimeSpan.FromDays(366 * interval),
            _ => null,
        };
    }

    /// <summary>The start moved forward by whole steps of the rule to the last step at or before <paramref name="earliest"/>.</summary>
    private static DateTime? MoveForward(DateTime start, RecurrenceRule rule, DateTime earliest)
    {
        var interval = Math.Max(rule.Interval, 1);
        switch (rule.Frequency)
        {
            case FrequencyType.Monthly:
                {
                    var months = (earliest.Year - start.Year) * 12 + earliest.Month - start.Month - 1;
                    return months < interval ? null : start.AddMonths(months / interval * interval);
                }

            case FrequencyType.Yearly:
                {
                    var years = earliest.Year - start.Year - 1;
                    return years < interval ? null : start.AddYears(years / interval * interval);
                }

            default:
                {
                    var step = Period(rule)!.Value;
                    var steps = (earliest - start).Ticks / step.Ticks;
                    return steps < 1 ? null : start + steps * step;
                }
        }
    }

    private static CalDateTime Floating(DateTime wall, bool isDate) =>
        isDate
            ? new CalDateTime(DateOnly.FromDateTime(wall))
            : new CalDateTime(DateOnly.FromDateTime(wall), TimeOnly.FromDateTime(wall), null);

    /// <summary>
    /// A copy of the rule whose UNTIL (often UTC) is expressed in the series' wall-clock time. When the start was moved
    /// forward, the parts the rule took from the original start (the day of the month, the month) are written out, so
    /// the moved start gives the same dates.
    /// </summary>
    private static RecurrenceRule InWallTime(string rule, TimeZoneInfo zone, bool isDate, DateTime? originalStart)
    {
        var copy = new RecurrenceRule(rule);
        if (copy.Until is { } until)
        {
            var wall = until.IsUtc ? IcsZones.ToWall(new DateTimeOffset(until.Value, TimeSpan.Zero), zone) : IcsZones.Wall(until);
            copy.Until = isDate ? new CalDateTime(DateOnly.FromDateTime(wall)) : Floating(wall, isDate: false);
        }

        if (originalStart is { } start)
        {
            var byDayOrWeek = copy.ByDay.Count > 0 || copy.ByWeekNo.Count > 0 || copy.ByYearDay.Count > 0;
            if (copy.Frequency is FrequencyType.Monthly or FrequencyType.Yearly && !byDayOrWeek && copy.ByMonthDay.Count == 0)
                copy.ByMonthDay.Add(start.Day);
            if (copy.Frequency == FrequencyType.Yearly && !byDayOrWeek && copy.ByMonth.Count == 0)
                copy.ByMonth.Add(start.Month);
        }

        return copy;
    }
}

/// <summary>A series' slots inside the window, from where they were read, and what was left out (a note for the reader's report).</summary>
internal sealed record SeriesSlots(IReadOnlyList<DateTimeOffset> Slots, DateTimeOffset? ReadFrom, string? Note);
