using Mentoring.Application.Ingest;
using Mentoring.Application.Ingest.Ics;
using Mentoring.Application.Ingest.JsonLines;
using Mentoring.Engine.Ledger;

namespace Mentoring.LocalHost.Replay;

/// <summary>A history file read into a ledger, by its extension: .ics, or .jsonl/.ndjson.</summary>
/// <param name="Ledger">The pair's changes.</param>
/// <param name="AsOf">The instant to replay to: the one asked for, else the last change.</param>
/// <param name="Zone">The pair's zone where the file says it (an ICS TZID), else UTC.</param>
/// <param name="Notes">What the reader left out (series occurrences outside the window read), one sentence each.</param>
internal sealed record HistoryFile(IReadOnlyList<LedgerChange> Ledger, DateTimeOffset AsOf, TimeZoneInfo Zone, IReadOnlyList<string> Notes)
{
    /// <exception cref="HistoryFormatException">The file is malformed, empty, too large, or of an unknown kind.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static async Task<HistoryFile> ReadAsync(ReplayArguments arguments, CancellationToken ct = default)
    {
        var extension = Path.GetExtension(arguments.History).ToLowerInvariant();
        if (extension is not (".ics" or ".jsonl" or ".ndjson"))
            throw new HistoryFormatException(null, "--history", $"'{arguments.History}' is neither .ics nor .jsonl/.ndjson.");

        var budget = new HistoryBudget(HistoryLimits.File, ct: ct);
        var size = new FileInfo(arguments.History).Length;
        if (size > budget.Limits.MaxChars)
            throw new HistoryFormatException(null, null, $"the file is {size:N0} bytes; at most {budget.Limits.MaxChars:N0} are read.");

        var text = await File.ReadAllTextAsync(arguments.History, ct);
        if (extension == ".ics")
        {
            var calendar = IcsHistory.Parse(text, budget: budget);
            if (calendar.EventCount == 0)
                throw new HistoryFormatException(null, "VCALENDAR", "the calendar holds no meeting events (VEVENT; attendee replies do not count): nothing to replay.");
            var asOf = arguments.AsOf ?? calendar.LastChangeAt ?? throw new HistoryFormatException(
                null,
                "VEVENT",
                $"none of the calendar's {calendar.EventCount} events says when it was made or changed (DTSTAMP, LAST-MODIFIED or CREATED): there is no time to replay to. Export with timestamps, or give --as-of.");
            var horizon = asOf + TimeSpan.FromDays(arguments.CadenceDays);
            var read = calendar.Read(new IcsLedgerOptions(horizon, arguments.MentorEmail, arguments.MenteeEmail));
            if (read.Changes.Count == 0)
            {
                var why = read.Notes.Count > 0 ? " " + string.Join(" ", read.Notes) : string.Empty;
                throw new HistoryFormatException(null, null, $"none of the calendar's {calendar.EventCount} events is a meeting on or before {horizon:yyyy-MM-dd} (--as-of plus --cadence-days).{why}");
            }

            return new HistoryFile(read.Changes, asOf, calendar.Zone ?? TimeZoneInfo.Utc, read.Notes);
        }

        var changes = JsonLinesLedgerReader.Read(text, budget);
        if (changes.Count == 0)
            throw new HistoryFormatException(null, null, "the file holds no ledger lines (one JSON object per line; see docs/ledger-jsonl.md).");
        return new HistoryFile(changes, arguments.AsOf ?? changes.Max(c => c.ChangedAt), TimeZoneInfo.Utc, []);
    }
}
