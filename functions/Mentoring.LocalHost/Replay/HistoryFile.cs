using Mentoring.Application.Calendars;
using Mentoring.Application.Calendars.Ics;
using Mentoring.Application.Calendars.JsonLines;
using Mentoring.Engine.Ledger;

namespace Mentoring.LocalHost.Replay;

/// <summary>A history file read into a ledger, by its extension: .ics, or .jsonl/.ndjson.</summary>
/// <param name="Ledger">The pair's changes.</param>
/// <param name="AsOf">The instant to replay to: the one asked for, else the last change.</param>
/// <param name="Zone">The pair's zone where the file says it (an ICS TZID), else UTC.</param>
internal sealed record HistoryFile(IReadOnlyList<LedgerChange> Ledger, DateTimeOffset AsOf, TimeZoneInfo Zone)
{
    /// <exception cref="HistoryFormatException">The file is malformed, empty, or of an unknown kind.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static async Task<HistoryFile> ReadAsync(ReplayArguments arguments)
    {
        var extension = Path.GetExtension(arguments.History).ToLowerInvariant();
        if (extension is not (".ics" or ".jsonl" or ".ndjson"))
            throw new HistoryFormatException(null, "--history", $"'{arguments.History}' is neither .ics nor .jsonl/.ndjson.");

        var text = await File.ReadAllTextAsync(arguments.History);
        if (extension == ".ics")
        {
            var calendar = IcsHistory.Parse(text);
            var asOf = arguments.AsOf ?? calendar.LastChangeAt ?? throw Empty();
            var horizon = asOf + TimeSpan.FromDays(arguments.CadenceDays);
            var ledger = calendar.ToLedger(new IcsLedgerOptions(horizon, arguments.MentorEmail, arguments.MenteeEmail));
            if (ledger.Count == 0)
                throw Empty();
            return new HistoryFile(ledger, asOf, calendar.Zone ?? TimeZoneInfo.Utc);
        }

        var changes = JsonLinesLedgerReader.Read(text);
        if (changes.Count == 0)
            throw Empty();
        return new HistoryFile(changes, arguments.AsOf ?? changes.Max(c => c.ChangedAt), TimeZoneInfo.Utc);
    }

    private static HistoryFormatException Empty() => new(null, null, "the history holds no meetings or changes.");
}
