using System.Globalization;
using System.Text.RegularExpressions;
using Ical.Net.DataTypes;

namespace Mentoring.Application.Ingest.Ics;

/// <summary>Turns one VEVENT, its fields as read (<see cref="EventFields"/>) and as it was written, into an <see cref="EventVersion"/>.</summary>
internal static partial class IcsEventParser
{
    public static EventVersion Parse(EventFields component, RawEvent raw, string? method, IcsZones zones)
    {
        if (!raw.Has("UID") || string.IsNullOrWhiteSpace(component.Uid))
            throw new HistoryFormatException(raw.Line, "VEVENT", "UID is missing.");
        var uid = component.Uid.Trim();
        var where = $"VEVENT UID={uid}";

        var sequence = ParseSequence(raw, where);
        var stamp = UtcStamp(raw, "DTSTAMP", component.DtStamp, zones, where);
        var created = UtcStamp(raw, "CREATED", component.Created, zones, where);
        var lastModified = UtcStamp(raw, "LAST-MODIFIED", component.LastModified, zones, where);

        DateTimeOffset? slot = null;
        WrittenTime? slotWritten = null;
        var thisAndFuture = false;
        if (raw.Has("RECURRENCE-ID"))
        {
            var id = component.RecurrenceId ??
                throw Invalid(raw, "RECURRENCE-ID", where, "is not a date or date-time");
            slot = zones.ToInstant(id, raw.LineOf("RECURRENCE-ID"), where + ": RECURRENCE-ID");
            slotWritten = new WrittenTime(IcsZones.Wall(id), !id.HasTime, id.IsUtc, id.IsFloating);
            thisAndFuture = component.ThisAndFuture;
        }

        var cancelled = string.Equals(component.Status, "CANCELLED", StringComparison.OrdinalIgnoreCase) ||
            string.Equals(method, "CANCEL", StringComparison.OrdinalIgnoreCase);

        CalDateTime start;
        if (component.DtStart is { } dtStart)
            start = dtStart;
        else if (raw.Has("DTSTART"))
            throw Invalid(raw, "DTSTART", where, "is not a date or date-time");
        else if (cancelled && component.RecurrenceId is { } idStart)
            start = idStart; // an iTIP CANCEL may name the instance by RECURRENCE-ID only
        else if (cancelled)
            return CancelByUid(raw, uid, sequence, stamp, created, lastModified, zones); // RFC 5546 3.2.5: DTSTART is optional in a CANCEL
        else
            throw new HistoryFormatException(raw.Line, where, "DTSTART is missing.");

        var startLine = raw.LineOf("DTSTART");
        var startZone = zones.ZoneOf(start, startLine, where + ": DTSTART");
        var startWall = IcsZones.Wall(start);
        var startInstant = IcsZones.ToInstant(startWall, startZone);

        return new EventVersion
        {
            Index = raw.Index,
            Line = raw.Line,
            Uid = uid,
            RecurrenceSlot = slot,
            RecurrenceWritten = slotWritten,
            ThisAndFuture = thisAndFuture,
            Start = startInstant,
            StartWall = startWall,
            StartZone = startZone,
            StartZoneId = start.IsUtc || start.IsFloating ? null : start.TzId,
            StartIsDate = !start.HasTime,
            Length = LengthOf(component, raw, start, startInstant, zones, where),
            Sequence = sequence,
            Stamp = stamp,
            Created = created,
            LastModified = lastModified,
            Cancelled = cancelled,
            IsMessage = IsMessage(method),
            OrganizerEmail = OrganizerOf(raw),
            Rule = component.Rule,
            RuleText = component.Rule is null ? null : raw["RRULE"]?.Value,
            ExtraDates = [.. component.RecurrenceDates
                .Select(d => IcsZones.ToInstant(IcsZones.Wall(d), d.IsFloating ? startZone : zones.ZoneOf(d, raw.LineOf("RDATE"), where + ": RDATE")))],
            ExcludedDates = [.. component.ExceptionDates.Select(d => Excluded(d, startZone, !start.HasTime, raw, zones, where))],
        };
    }

    /// <summary>A CANCEL that names its meeting or series by UID only: it cancels whatever the file holds under that UID.</summary>
    private static EventVersion CancelByUid(
        RawEvent raw, string uid, int? sequence, DateTimeOffset? stamp, DateTimeOffset? created, DateTimeOffset? lastModified, IcsZones zones) =>
        new()
        {
            Index = raw.Index,
            Line = raw.Line,
            Uid = uid,
            Start = DateTimeOffset.MinValue,
            StartKnown = false,
            StartWall = DateTime.MinValue,
            StartZone = zones.DefaultZone,
            Sequence = sequence,
            Stamp = stamp,
            Created = created,
            LastModified = lastModified,
            Cancelled = true,
            IsMessage = true,
            OrganizerEmail = OrganizerOf(raw),
        };

    private static bool IsMessage(string? method) =>
        method is not null && !string.Equals(method, "PUBLISH", StringComparison.OrdinalIgnoreCase);

    private static int? ParseSequence(RawEvent raw, string where)
    {
        if (raw["SEQUENCE"] is not { } property)
            return null;
        if (int.TryParse(property.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            return sequence;
        throw new HistoryFormatException(property.Line, where + ": SEQUENCE", $"'{property.Value}' is not a non-negative integer.");
    }

    /// <summary>DTSTAMP, CREATED, LAST-MODIFIED: only if the component really carries it, and only if it is a date-time.</summary>
    private static DateTimeOffset? UtcStamp(RawEvent raw, string name, CalDateTime? parsed, IcsZones zones, string where)
    {
        if (raw[name] is not { } property)
            return null;
        if (parsed is null || !parsed.HasTime || !StampPattern().IsMatch(property.Value.Trim()))
            throw Invalid(raw, name, where, "is not a date-time");
        return zones.ToInstant(parsed, property.Line, where + ": " + name);
    }

    private static TimeSpan? LengthOf(EventFields component, RawEvent raw, CalDateTime start, DateTimeOffset startInstant, IcsZones zones, string where)
    {
        if (component.DtEnd is { } end)
        {
            // An end equal to the start is a zero-length meeting; an end before it says nothing about the length.
            var endInstant = zones.ToInstant(end, raw.LineOf("DTEND"), where + ": DTEND");
            if (endInstant == startInstant && !start.HasTime)
                return TimeSpan.FromDays(1); // an all-day event whose end repeats its start day
            return endInstant >= startInstant ? endInstant - startInstant : null;
        }

        if (component.Duration is { } length)
            return length >= TimeSpan.Zero ? length : null;

        if (raw.Has("DTEND"))
            throw Invalid(raw, "DTEND", where, "is not a date or date-time");
        return start.HasTime ? null : TimeSpan.FromDays(1);
    }

    private static ExcludedDate Excluded(CalDateTime date, TimeZoneInfo seriesZone, bool allDaySeries, RawEvent raw, IcsZones zones, string where)
    {
        if (!date.HasTime)
            return new ExcludedDate(null, date.Date);

        // An all-day series excluded by a date-time (Exchange writes midnight in its own zone) excludes that day: the
        // day as written, or for a UTC value the day whose midnight in the series' zone is nearest.
        if (allDaySeries)
        {
            return date.IsUtc
                ? new ExcludedDate(null, DateOnly.FromDateTime(IcsZones.ToWall(new DateTimeOffset(IcsZones.Wall(date), TimeSpan.Zero), seriesZone).AddHours(12)))
                : new ExcludedDate(null, date.Date);
        }

        // A floating EXDATE belongs to the series' zone; a UTC or TZID one is converted as written.
        var zone = date.IsFloating ? seriesZone : zones.ZoneOf(date, raw.LineOf("EXDATE"), where + ": EXDATE");
        return new ExcludedDate(IcsZones.ToInstant(IcsZones.Wall(date), zone), null);
    }

    private static string? OrganizerOf(RawEvent raw)
    {
        if (raw["ORGANIZER"] is not { } organizer)
            return null;
        var value = organizer.Value.Trim();
        if (value.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
            value = value["mailto:".Length..];
        return value.Length == 0 ? null : value;
    }

    private static HistoryFormatException Invalid(RawEvent raw, string name, string where, string problem) =>
        new(raw.LineOf(name), where + ": " + name, $"'{raw[name]?.Value}' {problem}.");

    [GeneratedRegex(@"^\d{8}T\d{6}Z?$", RegexOptions.CultureInvariant)]
    private static partial Regex StampPattern();
}
