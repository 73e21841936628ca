using System.Globalization;
using Mentoring.Application.Ingest.Normalising;
using Mentoring.Application.Ingest.Webhooks;
using Mentoring.Engine.Booking;
using Mentoring.Engine.Ledger;
using Mentoring.Engine.Time;
using Microsoft.Graph.Models;

namespace Mentoring.Application.Ingest.Graph;

/// <summary>
/// A Graph event (as GET /users/{id}/events/{id} or calendarView/delta returns it) to observations.
/// Occurrences and exceptions are identified by series master + <c>originalStart</c>; an exception whose start differs
/// is a move (earlier or later); <c>isCancelled</c> is a cancellation. Deleting one occurrence only updates the series
/// master: its <c>cancelledOccurrences</c> (<c>OID.{masterId}.{yyyy-MM-dd}</c>, needs <c>$select</c>) yield one
/// cancellation per deleted occurrence, at the master's time of day. An event whose <c>iCalUId</c> is one of our
/// bookings is the invitation we sent: its meeting id is that UID, the booking's own, so it is the same meeting in the
/// ledger, never a second one; its Graph id is recorded as an alias, so a later deletion (which names only the id) finds it.
/// </summary>
public static class GraphEventNormaliser
{
    private const string Source = CalendarProviders.Graph;
    private static readonly TimeSpan MaxMeetingLength = TimeSpan.FromDays(1);

    public static Normalised Normalise(Event graphEvent, DateTimeOffset now, IReadOnlyDictionary<string, string>? aliases = null)
    {
        if (string.IsNullOrEmpty(graphEvent.Id))
            return Normalised.Invalid("event id missing");
        var changedAt = graphEvent.LastModifiedDateTime ?? now;
        var start = ToInstant(graphEvent.Start);
        if (graphEvent.Type == EventType.SeriesMaster)
            return SeriesMaster(graphEvent, start, changedAt);
        if (start is null)
            return Normalised.Invalid("start missing or not a date-time with a known zone");

        var isInstance = graphEvent.Type is EventType.Occurrence or EventType.Exception && !string.IsNullOrEmpty(graphEvent.SeriesMasterId);
        var originalStart = graphEvent.OriginalStart ?? (graphEvent.Type == EventType.Occurrence ? start : null);
        var booking = !isInstance && BookingIds.IsBooking(graphEvent.ICalUId) ? graphEvent.ICalUId : null;
        var meetingId = booking
            ?? (isInstance && originalStart is { } original
                ? MeetingKeys.Occurrence(Source, graphEvent.SeriesMasterId!, original)
                : Aliases.Resolve(aliases ?? NoAliases, $"{Source}:{graphEvent.Id}"));

        var kind = graphEvent.IsCancelled == true ? ChangeKind.Cancelled
            : graphEvent.Type == EventType.Exception && originalStart is { } from && from != start ? ChangeKind.Rescheduled
            : ChangeKind.Scheduled;
        return Normalised.Of(
            [Observe(graphEvent, meetingId, kind, changedAt, start, ToInstant(graphEvent.End), kind == ChangeKind.Rescheduled ? originalStart : null)],
            booking is null ? null : [new MeetingAlias($"{Source}:{graphEvent.Id}", booking)]);
    }

    /// <summary>
    /// A <c>deleted</c> notification carries only the id: the event is gone, so it is cancelled — a removal, which after
    /// the meeting's end reads as tidying the calendar (unlike <c>isCancelled</c>, which says the meeting was called off).
    /// </summary>
    public static CalendarObservation Deleted(string eventId, DateTimeOffset now, IReadOnlyDictionary<string, string>? aliases = null) =>
        new(Source, $"{Source}:{eventId}:cancelled", Aliases.Resolve(aliases ?? NoAliases, $"{Source}:{eventId}"), ChangeKind.Cancelled, now, null, null, null, null, null, [], null, null, Removal: true);

    private static readonly Dictionary<string, string> NoAliases = new(0);

    private static Normalised SeriesMaster(Event master, DateTimeOffset? masterStart, DateTimeOffset changedAt)
    {
        if (masterStart is null)
            return Normalised.Invalid("series master start missing");
        var zone = Zone(master.Start?.TimeZone) ?? TimeZoneInfo.Utc;
        var timeOfDay = TimeZoneInfo.ConvertTime(masterStart.Value, zone).TimeOfDay;
        var length = ToInstant(master.End) is { } end && end > masterStart.Value && end - masterStart.Value <= MaxMeetingLength
            ? end - masterStart.Value
            : (TimeSpan?)null;

        var observations = new List<CalendarObservation>();
        foreach (var entry in master.CancelledOccurrences ?? [])
        {
            // "OID.{masterId}.{yyyy-MM-dd}": the date of the deleted occurrence's original slot.
            var dot = entry?.LastIndexOf('.') ?? -1;
            if (dot < 0 || !DateOnly.TryParseExact(entry![(dot + 1)..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                || date.Year is < 2 or > 9998)
                continue;
            var local = date.ToDateTime(TimeOnly.FromTimeSpan(timeOfDay));
            var original = WallClock.ToInstant(local, zone);
            var meetingId = MeetingKeys.Occurrence(Source, master.Id!, original);
            observations.Add(Observe(master, meetingId, ChangeKind.Cancelled, changedAt, original, original + length, null) with { Removal = true }); // a deleted occurrence
        }

        return observations.Count > 0 ? Normalised.Of(observations) : Normalised.Ignored("series master without cancelled occurrences");
    }

    private static CalendarObservation Observe(
        Event graphEvent, string meetingId, ChangeKind kind, DateTimeOffset changedAt, DateTimeOffset? start, DateTimeOffset? end, DateTimeOffset? previous)
    {
        var organizer = graphEvent.Organizer?.EmailAddress?.Address;
        return new CalendarObservation(
            Source,
            MeetingKeys.Change(meetingId, kind, start),
            meetingId,
            kind,
            changedAt,
            start,
            end,
            previous,
            ChangedByEmail: kind == ChangeKind.Scheduled ? null : organizer,
            Reason: null,
            Participants: (graphEvent.Attendees ?? []).Select(a => a?.EmailAddress?.Address).Prepend(organizer).OfType<string>().ToArray(),
            graphEvent.Subject,
            SeriesKey: graphEvent.SeriesMasterId is { Length: > 0 } series ? $"{Source}:{series}"
                : graphEvent.Type == EventType.SeriesMaster ? $"{Source}:{graphEvent.Id}" : null);
    }

    /// <summary>Graph's dateTimeTimeZone (UTC unless a Prefer header asked otherwise; Windows or IANA zone names).</summary>
    internal static DateTimeOffset? ToInstant(DateTimeTimeZone? value)
    {
        if (value?.DateTime is not { } text || Zone(value.TimeZone) is not { } zone
            || !DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return null;
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        try
        {
            return WallClock.ToInstant(local, zone);
        }
        catch (ArgumentException)
        {
            return null; // an offset that puts the instant outside the representable range
        }
    }

    private static TimeZoneInfo? Zone(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Equals("UTC", StringComparison.OrdinalIgnoreCase))
            return TimeZoneInfo.Utc;
        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
    }
}
