using System.Globalization;

namespace Mentoring.Application.Ingest.Ics;

/// <summary>The stable ids the reader gives meetings and changes: reading the same file twice gives the same ids.</summary>
internal static class IcsIds
{
    public const string Source = "ics";

    /// <summary>An original slot as written in ids: UTC, yyyyMMddTHHmmssZ.</summary>
    public static string Slot(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>An occurrence of a series: "{UID}/{original start in UTC}". A single event is its UID.</summary>
    public static string Meeting(string uid, DateTimeOffset? slot) => slot is { } s ? uid + "/" + Slot(s) : uid;

    /// <summary>
    /// "ics:{meeting}/{step}-{kind}/{version}": the step orders a meeting's changes that share an instant (the engine
    /// breaks ties by change id), the version is "s{SEQUENCE}" or "t{ticks of the change time}".
    /// </summary>
    public static string Change(string meetingId, int step, string kind, string version) =>
        string.Create(CultureInfo.InvariantCulture, $"ics:{meetingId}/{step:D2}-{kind}/{version}");

    public static string Version(EventVersion version, DateTimeOffset changedAt) =>
        version.Sequence is { } sequence
            ? string.Create(CultureInfo.InvariantCulture, $"s{sequence}")
            : string.Create(CultureInfo.InvariantCulture, $"t{changedAt.UtcTicks}");
}
