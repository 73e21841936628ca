using System.Text.Json;
using Mentoring.Application.Ingest.Normalising;
using Mentoring.Application.Ingest.Webhooks;
using Mentoring.Engine.Ledger;

namespace Mentoring.Application.Ingest.CalCom;

/// <summary>
/// Cal.com webhooks to observations. Envelope <c>{triggerEvent, createdAt, payload{…}}</c>; MEETING_* arrive flat.
/// A reschedule creates a new booking (<c>uid</c>) that replaces the old one (<c>rescheduleUid</c>): the old booking's
/// meeting continues, and the new uid is aliased to it so its later cancellation or end lands on the same meeting.
/// </summary>
public static class CalComNormaliser
{
    private const string Source = CalendarProviders.CalCom;

    public static Normalised Normalise(ReadOnlyMemory<byte> body, IReadOnlyDictionary<string, string> aliases)
    {
        using var document = JsonRead.TryParse(body);
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Object)
            return Normalised.Invalid("not a JSON object");

        var root = document.RootElement;
        var trigger = root.Str("triggerEvent");
        if (trigger is null)
            return Normalised.Invalid("triggerEvent missing");
        // MEETING_STARTED / MEETING_ENDED are flat: the booking's own fields next to triggerEvent, so createdAt there is
        // when the booking was made, not when the meeting ended.
        var flat = root.Obj("payload") is null;
        var booking = root.Obj("payload") ?? root;
        var createdAt = flat ? null : root.Date("createdAt");

        return trigger switch
        {
            "BOOKING_CREATED" => Booking(booking, createdAt, aliases, ChangeKind.Scheduled),
            "BOOKING_RESCHEDULED" => Booking(booking, createdAt, aliases, ChangeKind.Rescheduled),
            "BOOKING_CANCELLED" => Booking(booking, createdAt, aliases, ChangeKind.Cancelled),
            "MEETING_ENDED" => Booking(booking, createdAt, aliases, ChangeKind.Held),
            "BOOKING_NO_SHOW_UPDATED" => NoShow(booking, createdAt, aliases),
            _ => Normalised.Ignored($"trigger {trigger} is not used"),
        };
    }

    private static Normalised Booking(JsonElement booking, DateTimeOffset? createdAt, IReadOnlyDictionary<string, string> aliases, ChangeKind kind)
    {
        var uid = booking.Str("uid");
        var start = booking.Date("startTime");
        var end = booking.Date("endTime");
        if (uid is null || start is null)
            return Normalised.Invalid("booking uid or startTime missing");

        var organizer = (booking.Obj("organizer") ?? booking.Obj("user"))?.Str("email");
        var participants = booking.Arr("attendees").Select(a => a.Str("email")).Prepend(organizer).OfType<string>().ToArray();
        // A meeting ended at its end (after any move of it), whenever the booking was made or the delivery was sent.
        var changedAt = kind == ChangeKind.Held ? end ?? createdAt : createdAt;
        if (changedAt is null)
            return Normalised.Invalid(kind == ChangeKind.Held ? "endTime missing" : "createdAt missing");

        var aliasesOut = new List<MeetingAlias>();
        var previousUid = kind == ChangeKind.Rescheduled ? booking.Str("rescheduleUid") : null;
        var meetingId = Aliases.Resolve(aliases, Key(previousUid ?? uid));
        if (previousUid is not null)
            aliasesOut.Add(new MeetingAlias(Key(uid), meetingId));
        if (ZoomLinks.AliasKey(booking.Obj("metadata")?.Str("videoCallUrl") ?? booking.Str("location")) is { } zoom)
            aliasesOut.Add(kind == ChangeKind.Cancelled ? new MeetingAlias(zoom, meetingId) : new MeetingAlias(zoom, meetingId, start, end));

        var observation = new CalendarObservation(
            Source,
            ChangeId: $"{Source}:{uid}:{kind}".ToLowerInvariant(),
            meetingId,
            kind,
            changedAt.Value,
            start,
            end,
            PreviousStart: kind == ChangeKind.Rescheduled ? booking.Date("rescheduleStartTime") : null,
            ChangedByEmail: kind switch
            {
                ChangeKind.Rescheduled => booking.Str("rescheduledBy"),
                ChangeKind.Cancelled => booking.Str("cancelledBy"),
                _ => null,
            },
            Reason: kind == ChangeKind.Cancelled ? booking.Str("cancellationReason") : null,
            participants,
            booking.Str("title"),
            SeriesKey: null);
        return Normalised.Of([observation], aliasesOut);
    }

    /// <summary>
    /// Attendees marked (<c>noShow: true</c>) make the meeting a no-show; a delivery that only unmarks them
    /// (<c>noShow: false</c>) withdraws it. Each marking is its own change (dated by the delivery), so a no-show marked,
    /// unmarked and marked again reads as such.
    /// </summary>
    private static Normalised NoShow(JsonElement payload, DateTimeOffset? createdAt, IReadOnlyDictionary<string, string> aliases)
    {
        var uid = payload.Str("bookingUid");
        if (uid is null || createdAt is null)
            return Normalised.Invalid("bookingUid or createdAt missing");
        var attendees = payload.Arr("attendees").Select(a => (Email: a.Str("email"), NoShow: a.Bool("noShow"))).ToArray();
        var absent = attendees.Where(a => a.NoShow == true).Select(a => a.Email).OfType<string>().ToArray();
        var retracted = absent.Length == 0 && attendees.Any(a => a.NoShow == false);
        if (absent.Length == 0 && !retracted)
            return Normalised.Ignored("no attendee marked or unmarked as a no-show");

        var kind = retracted ? ChangeKind.NoShowRetracted : ChangeKind.NoShow;
        var observation = new CalendarObservation(
            Source,
            ChangeId: $"{Source}:{uid}:{(retracted ? "noshow-retracted" : "noshow")}@{MeetingKeys.Instant(createdAt.Value)}",
            Aliases.Resolve(aliases, Key(uid)),
            kind,
            createdAt.Value,
            Start: null,
            End: null,
            PreviousStart: null,
            ChangedByEmail: absent.Length == 1 ? absent[0] : null,
            Reason: null,
            Participants: retracted ? [.. attendees.Select(a => a.Email).OfType<string>()] : absent,
            Subject: null,
            SeriesKey: null);
        return Normalised.Of([observation]);
    }

    private static string Key(string uid) => $"{Source}:{uid}";
}
