using Ical.Net.DataTypes;

namespace Mentoring.Application.Ingest.Ics;

/// <summary>
/// Reads an event's fields from the properties <see cref="IcsRawScanner"/> already split, without Ical.Net, when every
/// value is plain: dates as <c>YYYYMMDD</c>, date-times as <c>YYYYMMDDTHHMMSS[Z]</c> with at most a TZID and a VALUE
/// parameter, a simple DURATION, no escaped UID, no repeated property. Anything else returns null and the event is read
/// by Ical.Net, which costs a millisecond or more per event (most of a large export's reading time).
/// </summary>
internal static class FastEventFields
{
    private static readonly string[] Single = ["UID", "DTSTAMP", "CREATED", "LAST-MODIFIED", "RECURRENCE-ID", "STATUS", "DTSTART", "DTEND", "DURATION", "RRULE"];

    public static EventFields? TryRead(RawEvent raw)
    {
        foreach (var name in Single)
        {
            if (raw.IsRepeated(name))
                return null;
        }

        if (raw["UID"] is { } uid && uid.Value.Contains('\\', StringComparison.Ordinal))
            return null;

        if (!TryDate(raw["DTSTAMP"], out var stamp) || !TryDate(raw["CREATED"], out var created) ||
            !TryDate(raw["LAST-MODIFIED"], out var modified) || !TryDate(raw["DTSTART"], out var start) ||
            !TryDate(raw["DTEND"], out var end) || !TryRecurrenceId(raw["RECURRENCE-ID"], out var id, out var thisAndFuture) ||
            !TryDuration(raw["DURATION"], out var duration) ||
            !TryDates(raw.AllOf("RDATE"), out var extra) || !TryDates(raw.AllOf("EXDATE"), out var excluded))
        {
            return null;
        }

        return new EventFields
        {
            Uid = raw["UID"]?.Value,
            DtStamp = stamp,
            Created = created,
            LastModified = modified,
            RecurrenceId = id,
            ThisAndFuture = thisAndFuture,
            Status = raw["STATUS"]?.Value.Trim(),
            DtStart = start,
            DtEnd = end,
            Duration = duration,
            Rule = raw.Rule,
            RecurrenceDates = extra,
            ExceptionDates = excluded,
        };
    }

    private static bool TryRecurrenceId(RawProperty? property, out CalDateTime? value, out bool thisAndFuture)
    {
        thisAndFuture = false;
        value = null;
        if (property is null)
            return true;
        if (!PlainValues.TryParameters(property.Parameters, allowRange: true, out var tzId, out var isDate, out var range))
            return false;
        if (range is not null)
        {
            if (!string.Equals(range, "THISANDFUTURE", StringComparison.OrdinalIgnoreCase))
                return false;
            thisAndFuture = true;
        }

        value = PlainValues.Parse(property.Value.AsSpan().Trim(), tzId, isDate);
        return value is not null;
    }

    private static bool TryDate(RawProperty? property, out CalDateTime? value)
    {
        value = null;
        if (property is null)
            return true;
        if (!PlainValues.TryParameters(property.Parameters, allowRange: false, out var tzId, out var isDate, out _))
            return false;
        value = PlainValues.Parse(property.Value.AsSpan().Trim(), tzId, isDate);
        return value is not null;
    }

    private static bool TryDates(IReadOnlyList<RawProperty> properties, out IReadOnlyList<CalDateTime> values)
    {
        values = [];
        if (properties.Count == 0)
            return true;
        var list = new List<CalDateTime>();
        foreach (var property in properties)
        {
            if (!PlainValues.TryParameters(property.Parameters, allowRange: false, out var tzId, out var isDate, out _))
                return false;
            foreach (var part in property.Value.Split(','))
            {
                if (PlainValues.Parse(part.AsSpan().Trim(), tzId, isDate) is not { } date)
                    return false;
                list.Add(date);
            }
        }

        values = list;
        return true;
    }

    private static bool TryDuration(RawProperty? property, out TimeSpan? duration)
    {
        duration = null;
        if (property is null)
            return true;
        return property.Parameters.Length == 0 && PlainValues.TryDuration(property.Value.AsSpan().Trim(), out duration);
    }
}
