using System.Globalization;

namespace Mentoring.Application.Outbox.Rendering;

/// <summary>
/// The one place where an instant becomes words a recipient reads: converted to their IANA zone, formatted in their
/// culture, with the zone named, e.g. "Tuesday 3 March, 10:00 (Europe/Berlin)".
/// </summary>
public static class LocalTimes
{
    /// <summary>Day, date and time, with the zone named.</summary>
    public static string DateTime(DateTimeOffset instant, string timeZoneId, CultureInfo culture)
    {
        var local = ToZone(instant, timeZoneId);
        return string.Create(
            culture,
            $"{local.ToString(DayMonthPattern(culture), culture)}, {local.ToString(culture.DateTimeFormat.ShortTimePattern, culture)} ({timeZoneId})");
    }

    /// <summary>Day and date with the year, e.g. "Monday 2 March 2026"; no time, so no zone.</summary>
    public static string Date(DateTimeOffset instant, string timeZoneId, CultureInfo culture)
    {
        var local = ToZone(instant, timeZoneId);
        return local.ToString(DayMonthPattern(culture), culture) + " " + local.Year.ToString(culture);
    }

    /// <summary>The time of day with the zone named, e.g. "10:00 (Europe/Berlin)".</summary>
    public static string Time(DateTimeOffset instant, string timeZoneId, CultureInfo culture)
    {
        var local = ToZone(instant, timeZoneId);
        return local.ToString(culture.DateTimeFormat.ShortTimePattern, culture) + " (" + timeZoneId + ")";
    }

    /// <summary>The time of day alone, e.g. "10:00" (en-GB) or "10:00 AM" (en-US): where the zone is said elsewhere.</summary>
    public static string Clock(DateTimeOffset instant, string timeZoneId, CultureInfo culture) =>
        ToZone(instant, timeZoneId).ToString(culture.DateTimeFormat.ShortTimePattern, culture);

    /// <summary>The instant as a wall-clock time in the zone; an unknown zone id throws, it is a data error.</summary>
    public static DateTimeOffset ToZone(DateTimeOffset instant, string timeZoneId) =>
        TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(timeZoneId));

    /// <summary>The culture for a recipient; an unknown or empty name falls back to en-GB.</summary>
    public static CultureInfo Culture(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return CultureInfo.GetCultureInfo(EmailRecipient.DefaultCulture);
        try
        {
            return CultureInfo.GetCultureInfo(name, predefinedOnly: true);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.GetCultureInfo(EmailRecipient.DefaultCulture);
        }
    }

    /// <summary>The culture's long date without the year: "dddd d MMMM" (en-GB), "dddd, MMMM d" (en-US), "dddd, d. MMMM" (de-DE).</summary>
    private static string DayMonthPattern(CultureInfo culture)
    {
        var monthDay = culture.DateTimeFormat.MonthDayPattern;
        // English written day-first reads without a comma: "Tuesday 3 March".
        if (culture.TwoLetterISOLanguageName == "en" && monthDay.StartsWith('d'))
            return "dddd " + monthDay;
        var pattern = culture.DateTimeFormat.LongDatePattern;
        var year = pattern.IndexOf("yyyy", StringComparison.Ordinal);
        if (year < 0)
            return pattern;
        var before = pattern[..year].TrimEnd(' ', ',', '.');
        var after = pattern[(year + 4)..].TrimStart(' ', ',', '年');
        return before.Length == 0 ? after : after.Length == 0 ? before : before + " " + after;
    }
}
