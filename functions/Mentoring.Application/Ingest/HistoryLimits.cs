using System.Globalization;

namespace Mentoring.Application.Ingest;

/// <summary>
/// The bounds every history reader (iCalendar and JSON lines, from <c>replay</c>, the feed poller or the connect route)
/// works within, so no input ends other than with a result or one clear <see cref="HistoryFormatException"/>.
/// </summary>
/// <param name="MaxChars">The whole text, in characters.</param>
/// <param name="MaxLineChars">One logical line (an iCalendar property after unfolding, one JSON line).</param>
/// <param name="MaxDepth">Components nested in one another (VCALENDAR, VEVENT, VALARM is 3), or JSON nesting.</param>
/// <param name="MaxItems">Components (VEVENT, VTIMEZONE) or JSON lines.</param>
/// <param name="MaxOccurrences">Occurrences of one series read inside the window; earlier ones are reported, not read.</param>
/// <param name="TimeBudget">Reading and expanding, wall-clock.</param>
public sealed record HistoryLimits(
    int MaxChars,
    int MaxLineChars,
    int MaxDepth,
    int MaxItems,
    int MaxOccurrences,
    TimeSpan TimeBudget)
{
    /// <summary>The earliest instant a history may name: far enough from the calendar's ends for any arithmetic on it.</summary>
    public static readonly DateTimeOffset Earliest = new(1000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The first instant a history may not name.</summary>
    public static readonly DateTimeOffset Latest = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A file given to <c>replay</c>: a whole calendar export may be large.</summary>
    public static readonly HistoryLimits File = new(
        MaxChars: 64 * 1024 * 1024,
        MaxLineChars: 4 * 1024 * 1024,
        MaxDepth: 8,
        MaxItems: 200_000,
        MaxOccurrences: 5_000,
        TimeBudget: TimeSpan.FromSeconds(10));

    /// <summary>A feed read by the poller or the connect route: one pair's calendar, read inside a timer or a request.</summary>
    public static readonly HistoryLimits Feed = File with
    {
        MaxChars = 4 * 1024 * 1024,
        MaxItems = 20_000,
        TimeBudget = TimeSpan.FromSeconds(5),
    };
}

/// <summary>
/// The time budget of one read, and its cancellation: <see cref="Check"/> is called between units of work (a line, an
/// occurrence), so a read stops within one unit of its deadline.
/// </summary>
public sealed class HistoryBudget
{
    private readonly long _deadline;
    private readonly CancellationToken _ct;

    public HistoryBudget(HistoryLimits limits, TimeProvider? time = null, CancellationToken ct = default)
    {
        Limits = limits;
        _ct = ct;
        Time = time ?? TimeProvider.System;
        _deadline = Time.GetTimestamp() + (long)(limits.TimeBudget.TotalSeconds * Time.TimestampFrequency);
    }

    public HistoryLimits Limits { get; }

    /// <summary>Whether an instant is one a history may name (<see cref="HistoryLimits.Earliest"/> to <see cref="HistoryLimits.Latest"/>).</summary>
    public static bool InRange(DateTimeOffset instant) => instant >= HistoryLimits.Earliest && instant < HistoryLimits.Latest;

    public static string RangeProblem(DateTimeOffset instant) =>
        string.Create(CultureInfo.InvariantCulture, $"{instant:yyyy-MM-dd} is outside the years {HistoryLimits.Earliest.Year}-{HistoryLimits.Latest.Year - 1} a history may name.");

    private TimeProvider Time { get; }

    /// <summary>A budget with the default file limits and no cancellation.</summary>
    public static HistoryBudget ForFile() => new(HistoryLimits.File);

    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    /// <exception cref="HistoryFormatException">The time budget is spent.</exception>
    public void Check(int? line = null, string? component = null)
    {
        _ct.ThrowIfCancellationRequested();
        if (Time.GetTimestamp() > _deadline)
        {
            throw new HistoryFormatException(
                line,
                component,
                string.Create(CultureInfo.InvariantCulture, $"reading took longer than its {Limits.TimeBudget.TotalSeconds:0.#} s budget (a very large file or a costly recurrence rule); nothing was read."));
        }
    }
}
