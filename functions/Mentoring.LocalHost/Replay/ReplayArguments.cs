using System.Globalization;

namespace Mentoring.LocalHost.Replay;

/// <summary>The flags of <c>replay</c>, parsed; a bad flag is an error value naming it, not an exception.</summary>
internal sealed record ReplayArguments(
    string History,
    int CadenceDays,
    DateTimeOffset? AsOf,
    string? MentorEmail,
    string? MenteeEmail,
    bool Help = false)
{
    public const string Usage =
        """
        usage: replay --history FILE [--cadence-days N] [--as-of ISO-8601] [--mentor EMAIL --mentee EMAIL]
          --history FILE      an iCalendar file (.ics) or a JSON-lines ledger (.jsonl, .ndjson; see docs/ledger-jsonl.md)
          --cadence-days N    how often the pair is expected to meet (1-365, default 14)
          --as-of INSTANT     replay up to this instant, e.g. 2025-04-01T12:00:00Z (default: the last change)
          --mentor EMAIL      the mentor's address: an ICS ORGANIZER that matches it made the change
          --mentee EMAIL      the mentee's address, likewise
        """;

    public static (ReplayArguments? Arguments, string? Error) Parse(IReadOnlyList<string> args)
    {
        string? history = null, mentor = null, mentee = null;
        var cadence = 14;
        DateTimeOffset? asOf = null;
        for (var i = 0; i < args.Count; i++)
        {
            var flag = args[i];
            if (flag is "--help" or "-h")
                return (new ReplayArguments(string.Empty, cadence, null, null, null, Help: true), null);
            if (!flag.StartsWith("--", StringComparison.Ordinal))
                return (null, $"unexpected argument '{flag}' (flags start with --).");
            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                return (null, $"{flag} needs a value.");
            var value = args[++i];
            switch (flag)
            {
                case "--history":
                    history = value;
                    break;
                case "--cadence-days":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out cadence) || cadence is < 1 or > 365)
                        return (null, $"--cadence-days: '{value}' is not a whole number of days between 1 and 365.");
                    break;
                case "--as-of":
                    if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
                        return (null, $"--as-of: '{value}' is not an ISO-8601 date or date-time (e.g. 2025-04-01T12:00:00Z).");
                    asOf = instant.ToUniversalTime();
                    if (!Application.Ingest.HistoryBudget.InRange(asOf.Value))
                        return (null, "--as-of: " + Application.Ingest.HistoryBudget.RangeProblem(asOf.Value));
                    break;
                case "--mentor":
                    mentor = value;
                    break;
                case "--mentee":
                    mentee = value;
                    break;
                default:
                    return (null, $"unknown flag '{flag}'.");
            }
        }

        return history is null
            ? (null, "--history FILE is required.")
            : (new ReplayArguments(history, cadence, asOf, mentor, mentee), null);
    }
}
