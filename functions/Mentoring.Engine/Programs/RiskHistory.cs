namespace Mentoring.Engine.Programs;

/// <summary>One local day of a program: its summary as the last sweep of that day saw it.</summary>
public sealed record RiskDay(DateOnly Date, ProgramSummary Summary);

/// <summary>
/// The program's risk levels over time: each sweep keeps its <see cref="ProgramSummary"/> as the row of the program's
/// local day (a later sweep of the same day replaces it), and the dashboard reads the last <see cref="DefaultDays"/>.
/// </summary>
public static class RiskHistory
{
    /// <summary>Twelve weeks: what the dashboard draws.</summary>
    public const int DefaultDays = 84;

    /// <summary>The most days one read returns.</summary>
    public const int MaxDays = 366;

    /// <summary>The day a sweep at <paramref name="now"/> writes: the program's own calendar day.</summary>
    public static DateOnly DayOf(DateTimeOffset now, TimeZoneInfo programTimeZone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, programTimeZone).DateTime);

    /// <summary>The first of the <paramref name="days"/> days that end with <paramref name="today"/>.</summary>
    public static DateOnly FirstDay(DateOnly today, int days) => today.AddDays(1 - Math.Clamp(days, 1, MaxDays));
}
