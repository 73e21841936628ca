using System.Globalization;

namespace Mentoring.Application.Ingest.Normalising;

/// <summary>Identities of meetings and changes that do not depend on delivery order or count.</summary>
internal static class MeetingKeys
{
    public static string Instant(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>An occurrence of a series is identified by the series and its original start (immutable).</summary>
    public static string Occurrence(string source, string seriesId, DateTimeOffset originalStart) =>
        $"{source}:{seriesId}@{Instant(originalStart)}";

    /// <summary>One change id per (meeting, kind, resulting start): a re-delivery or an unrelated edit repeats it.</summary>
    public static string Change(string meetingId, Engine.Ledger.ChangeKind kind, DateTimeOffset? start) =>
        kind is Engine.Ledger.ChangeKind.Scheduled or Engine.Ledger.ChangeKind.Rescheduled && start is { } at
            ? $"{meetingId}:{kind.ToString().ToLowerInvariant()}:{Instant(at)}"
            : $"{meetingId}:{kind.ToString().ToLowerInvariant()}";
}
