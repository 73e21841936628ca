using System.Globalization;
using Ical.Net.DataTypes;

namespace Mentoring.Application.Ingest.Ics;

/// <summary>
/// Property parameters and values in their plain forms (see <see cref="FastEventFields"/>), read from the text as
/// written; anything else reads as not plain, and Ical.Net decides what it is.
/// </summary>
internal static class PlainValues
{
    /// <summary>TZID (quotes removed), VALUE=DATE or DATE-TIME, and RANGE where allowed; any other parameter is not plain.</summary>
    public static bool TryParameters(string parameters, bool allowRange, out string? tzId, out bool? isDate, out string? range)
    {
        tzId = null;
        isDate = null;
        range = null;
        if (parameters.Length == 0)
            return true;
        if (parameters.Contains('"', StringComparison.Ordinal) && parameters.Count(c => c == '"') != 2)
            return false; // quoted values beyond one TZID: leave them to Ical.Net
        foreach (var parameter in SplitParameters(parameters))
        {
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
                return false;
            var name = parameter[..equals].Trim();
            var value = parameter[(equals + 1)..].Trim();
            if (name.Equals("TZID", StringComparison.OrdinalIgnoreCase) && tzId is null)
                tzId = value.Trim('"');
            else if (name.Equals("VALUE", StringComparison.OrdinalIgnoreCase) && isDate is null && value.Equals("DATE", StringComparison.OrdinalIgnoreCase))
                isDate = true;
            else if (name.Equals("VALUE", StringComparison.OrdinalIgnoreCase) && isDate is null && value.Equals("DATE-TIME", StringComparison.OrdinalIgnoreCase))
                isDate = false;
            else if (allowRange && name.Equals("RANGE", StringComparison.OrdinalIgnoreCase) && range is null)
                range = value;
            else
                return false;
        }

        return tzId is null || tzId.Length > 0;
    }

    private static IEnumerable<string> SplitParameters(string parameters)
    {
        var start = 0;
        var quoted = false;
        for (var i = 0; i < parameters.Length; i++)
        {
            if (parameters[i] == '"')
                quoted = !quoted;
            else if (parameters[i] == ';' && !quoted)
            {
                yield return parameters[start..i];
                start = i + 1;
            }
        }

        yield return parameters[start..];
    }

    /// <summary>A plain date or date-time, or null when it is anything else (then Ical.Net decides what it is).</summary>
    public static CalDateTime? Parse(ReadOnlySpan<char> text, string? tzId, bool? isDate)
    {
        if (text.Length == 8 && isDate is null or true && TryDay(text, out var day))
            return new CalDateTime(day);
        if (isDate is true || text.Length is not (15 or 16) || text[8] != 'T' || !TryDay(text[..8], out var date))
            return null;
        var utc = text.Length == 16;
        if (utc && (text[15] != 'Z' || tzId is not null))
            return null;
        if (!TryNumber(text.Slice(9, 2), out var hour) || !TryNumber(text.Slice(11, 2), out var minute) || !TryNumber(text.Slice(13, 2), out var second) ||
            hour > 23 || minute > 59 || second > 59)
        {
            return null;
        }

        return new CalDateTime(date, new TimeOnly(hour, minute, second), utc ? CalDateTime.UtcTzId : tzId);
    }

    private static bool TryDay(ReadOnlySpan<char> text, out DateOnly day)
    {
        day = default;
        if (!TryNumber(text[..4], out var year) || !TryNumber(text.Slice(4, 2), out var month) || !TryNumber(text.Slice(6, 2), out var dayOfMonth) ||
            year < 1 || month is < 1 or > 12 || dayOfMonth < 1 || dayOfMonth > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        day = new DateOnly(year, month, dayOfMonth);
        return true;
    }

    private static bool TryNumber(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
                return false;
            value = value * 10 + (c - '0');
        }

        return true;
    }

    /// <summary>[+-]P followed by weeks, or days and a time part (hours, minutes, seconds); days are 24 hours.</summary>
    public static bool TryDuration(ReadOnlySpan<char> text, out TimeSpan? duration)
    {
        duration = null;
        var negative = false;
        if (text.Length > 0 && text[0] is '+' or '-')
        {
            negative = text[0] == '-';
            text = text[1..];
        }

        if (text.Length < 3 || text[0] != 'P')
            return false;
        text = text[1..];
        var total = TimeSpan.Zero;
        var inTime = false;
        var any = false;
        while (text.Length > 0)
        {
            if (text[0] == 'T' && !inTime)
            {
                inTime = true;
                text = text[1..];
                continue;
            }

            var digits = 0;
            while (digits < text.Length && char.IsAsciiDigit(text[digits]))
                digits++;
            if (digits == 0 || digits > 6 || digits == text.Length || !int.TryParse(text[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                return false;
            TimeSpan? part = (text[digits], inTime) switch
            {
                ('W', false) => TimeSpan.FromDays(7 * n),
                ('D', false) => TimeSpan.FromDays(n),
                ('H', true) => TimeSpan.FromHours(n),
                ('M', true) => TimeSpan.FromMinutes(n),
                ('S', true) => TimeSpan.FromSeconds(n),
                _ => null,
            };
            if (part is not { } length)
                return false;
            total += length;
            any = true;
            text = text[(digits + 1)..];
        }

        duration = negative ? -total : total;
        return any;
    }
}
