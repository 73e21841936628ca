using System.Globalization;
using System.Text.Json;
using Mentoring.Engine.Ledger;

namespace Mentoring.Application.Ingest.JsonLines;

/// <summary>
/// Reads a JSON-lines ledger: one <see cref="LedgerChange"/> per line (schema: docs/ledger-jsonl.md). Field names are
/// case-insensitive, unknown fields are ignored, blank lines are skipped. A bad line stops the read with its line
/// number and field.
/// </summary>
public static class JsonLinesLedgerReader
{
    public const string DefaultSource = "jsonl";

    private static readonly char[] LineBreaks = ['\n', '\r'];

    /// <exception cref="HistoryFormatException">A line is not a change, or the text passes a limit of <paramref name="budget"/>
    /// (the file limits if none); the message names the line and the field.</exception>
    /// <exception cref="OperationCanceledException">The budget's token was cancelled.</exception>
    public static IReadOnlyList<LedgerChange> Read(string text, HistoryBudget? budget = null)
    {
        budget ??= HistoryBudget.ForFile();
        var limits = budget.Limits;
        if (text.Length > limits.MaxChars)
            throw new HistoryFormatException(null, null, $"the file holds {text.Length:N0} characters; at most {limits.MaxChars:N0} are read.");

        var options = new JsonDocumentOptions { MaxDepth = limits.MaxDepth };
        var changes = new List<LedgerChange>();
        var number = 0;
        var position = 0;
        while (position < text.Length)
        {
            number++;
            var end = text.IndexOfAny(LineBreaks, position); // LF, CRLF or a lone CR
            if (end < 0)
                end = text.Length;
            var length = end - position;
            if (length > limits.MaxLineChars)
                throw new HistoryFormatException(number, null, $"a line longer than {limits.MaxLineChars:N0} characters.");
            var line = text.AsSpan(position, length).Trim();
            position = end < text.Length - 1 && text[end] == '\r' && text[end + 1] == '\n' ? end + 2 : end + 1;
            if (line.IsEmpty)
                continue;
            if (changes.Count >= limits.MaxItems)
                throw new HistoryFormatException(number, null, $"the file holds more than {limits.MaxItems:N0} changes; at most that many are read.");
            if ((number & 0xFF) == 0)
                budget.Check(number);
            changes.Add(ReadLine(line.ToString(), number, options));
        }

        return changes;
    }

    private static LedgerChange ReadLine(string line, int number, JsonDocumentOptions options)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, options);
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
