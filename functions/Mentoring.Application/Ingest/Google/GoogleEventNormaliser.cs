using System.Globalization;
using System.Text.Json;
using Mentoring.Application.Ingest.Normalising;
using Mentoring.Application.Ingest.Webhooks;
using Mentoring.Engine.Booking;
using Mentoring.Engine.Ledger;

namespace Mentoring.Application.Ingest.Google;

/// <summary>
/// A Google Calendar event resource (an <c>events.list</c> item) to an observation. Instances are identified by
/// <c>recurringEventId</c> + <c>originalStartTime</c> (immutable); <c>originalStartTime</c> ≠ <c>start</c> is a move;
/// <c>status: cancelled</c> is a cancellation marked as a removal (deleted events arrive as such stubs in incremental sync,
/// so it does not say the meeting was called off). An event whose <c>iCalUID</c> is one of our bookings is the invitation
/// we sent: its meeting id is that UID, the booking's own, and its Google id is recorded as an alias, so the cancelled
/// stub of its deletion (which carries only the id) finds the same meeting.
/// </summary>
public static class GoogleEventNormaliser
{
    private const string Source = CalendarProviders.Google;

    public static Normalised Normalise(JsonElement item, DateTimeOffset now, IReadOnlyDictionary<string, string>? aliases = null)
    {
        if (item.ValueKind != JsonValueKind.Object || item.Str("id") is not { } id)
            return Normalised.Invalid("event id missing");

        var original = When(item.Obj("originalStartTime"));
        var recurring = item.Str("recurringEventId");
        var booking = recurring is null && item.Str("iCalUID") is { } uid && BookingIds.IsBooking(uid) ? uid : null;
        var meetingId = booking
            ?? (recurring is not null && original is { } slot ? MeetingKeys.Occurrence(Source, recurring, slot)
                : Aliases.Resolve(aliases ?? NoAliases, $"{Source}:{id}"));
        var start = When(item.Obj("start"));
        var changedAt = item.Date("updated") ?? now;
        var organizer = item.Obj("organizer")?.Str("email");

        var kind = item.Str("status") == "cancelled" ? ChangeKind.Cancelled
            : original is { } from && start is { } to && from != to ? ChangeKind.Rescheduled
            : ChangeKind.Scheduled;
        if (kind != ChangeKind.Cancelled && start is null)
            return Normalised.Invalid("start missing");

        return Normalised.Of([
            new CalendarObservation(
                Source,
                MeetingKeys.Change(meetingId, kind, start),
                meetingId,
                kind,
                changedAt,
                start ?? original,
                When(item.Obj("end")),
                kind == ChangeKind.Rescheduled ? original : null,
                ChangedByEmail: kind == ChangeKind.Scheduled ? null : organizer,
                Reason: null,
                Participants: item.Arr("attendees").Select(a => a.Str("email")).Prepend(organizer).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToArray(),
                item.Str("summary"),
                SeriesKey: recurring is null ? null : $"{Source}:{recurring}",
                Removal: kind == ChangeKind.Cancelled), // Google says "cancelled" of a deleted event too: a removal
        ], booking is null ? null : [new MeetingAlias($"{Source}:{id}", booking)]);
    }

    private static readonly Dictionary<string, string> NoAliases = new(0);

    /// <summary><c>{dateTime}</c> (RFC 3339 with offset) or <c>{date}</c> (all-day: midnight UTC).</summary>
    private static DateTimeOffset? When(JsonElement? value)
    {
        if (value is not { } time)
            return null;
        if (time.Date("dateTime") is { } instant)
            return instant;
        return DateOnly.TryParseExact(time.Str("date"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            : null;
    }
}
