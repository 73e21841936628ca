using System.Globalization;
using System.Text.Json;
using Mentoring.Engine.Ledger;

namespace Mentoring.Application.Ingest.JsonLines;

/// <summary>The fields of one ledger line, looked up case-insensitively, each read with an error naming line and field.</summary>
internal sealed class LineFields
{
    private readonly Dictionary<string, JsonElement> _fields = new(StringComparer.OrdinalIgnoreCase);
    private readonly int _line;

    public LineFields(JsonElement line, int number)
    {
        _line = number;
        foreach (var property in line.EnumerateObject())
            _fields[property.Name] = property.Value;
    }

    public string RequiredString(string name) => OptionalString(name) ?? throw Missing(name);

    public string? OptionalString(string name)
    {
        if (!TryGet(name, out var value))
            return null;
        if (value.ValueKind != JsonValueKind.String)
            throw Bad(name, "must be a string");
        var text = value.GetString()!.Trim();
        return text.Length == 0 ? null : text;
    }

    /// <summary>An ISO-8601 instant with an offset ("2025-03-03T09:00:00Z", "…+01:00"), as UTC.</summary>
    public DateTimeOffset? Instant(string name)
    {
        if (OptionalString(name) is not { } text)
            return null;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) || !HasOffset(text))
            throw Bad(name, $"'{text}' is not an ISO-8601 date-time with an offset (e.g. 2025-03-03T09:00:00Z)");
        if (!HistoryBudget.InRange(instant))
            throw Bad(name, HistoryBudget.RangeProblem(instant).TrimEnd('.'));
        return instant.ToUniversalTime();
    }

    /// <summary>An optional JSON boolean (absent or null: false).</summary>
    public bool Flag(string name)
    {
        if (!TryGet(name, out var value))
            return false;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Bad(name, "must be true or false"),
        };
    }

    public ChangeKind Kind()
    {
        var text = RequiredString("kind");
        var normal = text.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal);
        if (string.Equals(normal, "canceled", StringComparison.OrdinalIgnoreCase))
            return ChangeKind.Cancelled;
        if (Enum.TryParse<ChangeKind>(normal, ignoreCase: true, out var kind) && Enum.IsDefined(kind) && !normal.Any(char.IsAsciiDigit))
            return kind;
        throw Bad("kind", $"'{text}' is not one of scheduled, rescheduled, cancelled, held, noShow");
    }

    public Party? Party()
    {
        if (OptionalString("changedBy") is not { } text)
            return null;
        if (string.Equals(text, "mentor", StringComparison.OrdinalIgnoreCase))
            return Engine.Ledger.Party.Mentor;
        if (string.Equals(text, "mentee", StringComparison.OrdinalIgnoreCase))
            return Engine.Ledger.Party.Mentee;
        throw Bad("changedBy", $"'{text}' is not mentor or mentee");
    }

    public HistoryFormatException Missing(string name, string? why = null) =>
        new(_line, $"field '{name}'", why is null ? "is missing." : $"is missing: {why}.");

    private HistoryFormatException Bad(string name, string problem) => new(_line, $"field '{name}'", problem + ".");

    private bool TryGet(string name, out JsonElement value) =>
        _fields.TryGetValue(name, out value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>Whether the text names its offset ("Z" or ±hh:mm after the time): a bare local time is ambiguous.</summary>
    private static bool HasOffset(string text)
    {
        var time = text.IndexOf('T', StringComparison.OrdinalIgnoreCase);
        if (time < 0)
            return false;
        var rest = text[time..];
        return rest.EndsWith('Z') || rest.EndsWith('z') || rest.Contains('+', StringComparison.Ordinal) || rest.Contains('-', StringComparison.Ordinal);
    }
}
