using System.Globalization;
using System.Text.Json;
using Mentoring.Engine.Ledger;

namespace Mentoring.Application.Calendars.JsonLines;

/// <summary>
/// Reads a JSON-lines ledger: one <see cref="LedgerChange"/> per line (schema: docs/ledger-jsonl.md). Field names are
/// case-insensitive, unknown fields are ignored, blank lines are skipped. A bad line stops the read with its line
/// number and field.
/// </summary>
public static class JsonLinesLedgerReader
{
    public const string DefaultSource = "jsonl";

    /// <exception cref="HistoryFormatException">A line is not a change; the message names the line and the field.</exception>
    public static IReadOnlyList<LedgerChange> Read(string text)
    {
        var changes = new List<LedgerChange>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
                continue;
            changes.Add(ReadLine(line, i + 1));
        }

        return changes;
    }

    private static LedgerChange ReadLine(string line, int number)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new HistoryFormatException(number, null, "not a JSON object: " + e.Message, e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new HistoryFormatException(number, null, "not a JSON object.");
            var fields = new LineFields(document.RootElement, number);

            var meetingId = fields.RequiredString("meetingId");
            var kind = fields.Kind();
            var changedAt = fields.Instant("changedAt") ?? throw fields.Missing("changedAt");
            var start = fields.Instant("start");
            var end = fields.Instant("end");
            var previousStart = fields.Instant("previousStart");
            if (start is null && kind is ChangeKind.Scheduled or ChangeKind.Rescheduled)
                throw fields.Missing("start", $"a {kind.ToString().ToLowerInvariant()} change needs its start");
            if (end is { } e2 && start is { } s2 && e2 <= s2)
                throw new HistoryFormatException(number, "field 'end'", "must be after 'start'.");

            var changeId = fields.OptionalString("changeId") ??
                string.Create(CultureInfo.InvariantCulture, $"jsonl:{meetingId}/{kind.ToString().ToLowerInvariant()}/{changedAt.UtcTicks}");
            return new LedgerChange(
                changeId,
                meetingId,
                kind,
                changedAt,
                start,
                end,
                previousStart,
                fields.Party(),
                fields.OptionalString("reason"),
                fields.OptionalString("source") ?? DefaultSource,
                fields.Flag("changedAtUnknown"),
                fields.Flag("removal"));
        }
    }
}
