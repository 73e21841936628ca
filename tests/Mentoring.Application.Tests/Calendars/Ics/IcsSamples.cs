using Mentoring.Application.Ingest.Ics;
using Mentoring.Engine.Ledger;

namespace Mentoring.Application.Tests.Calendars.Ics;

internal static class IcsSamples
{
    public static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Calendars", "Ics", "Samples", name));

    public static IReadOnlyList<LedgerChange> Ledger(string name, DateTimeOffset horizon, string? mentor = null, string? mentee = null) =>
        IcsHistory.Parse(Text(name)).ToLedger(new IcsLedgerOptions(horizon, mentor, mentee));

    public static IReadOnlyList<LedgerChange> LedgerOf(string text, DateTimeOffset horizon, TimeZoneInfo? zone = null) =>
        IcsHistory.Parse(text, zone).ToLedger(new IcsLedgerOptions(horizon));

    public static DateTimeOffset Utc(int year, int month, int day, int hour = 0, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    /// <summary>A minimal calendar around the given VEVENT lines.</summary>
    public static string Calendar(params string[] lines) =>
        string.Join("\r\n", ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//tests//EN", .. lines, "END:VCALENDAR", string.Empty]);
}
