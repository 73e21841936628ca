using System.Text.Json;
using Mentoring.Application.Calendars.Normalising;
using Mentoring.Application.Calendars.Webhooks;
using Mentoring.Engine.Ledger;

namespace Mentoring.Application.Calendars.Zoom;

/// <summary>
/// Zoom <c>meeting.ended</c> proves a meeting took place: Held (confirmed) for the meeting linked to that Zoom meeting
/// (an alias <c>zoom:{id}</c> recorded from a booking's join URL, or <c>zoom:{uuid}</c>); unlinked, the Zoom meeting is
/// its own meeting and can still be matched to a pair through an admin's series link on <c>zoom:{id}</c>.
/// </summary>
public static class ZoomNormaliser
{
    private const string Source = CalendarProviders.Zoom;

    public static Normalised Normalise(ReadOnlyMemory<byte> body, IReadOnlyDictionary<string, string> aliases)
    {
        using var document = JsonRead.TryParse(body);
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Object)
            return Normalised.Invalid("not a JSON object");

        var root = document.RootElement;
        var kind = root.Str("event");
        if (kind is null)
            return Normalised.Invalid("event missing");
        if (kind != "meeting.ended")
            return Normalised.Ignored($"event {kind} is not used");

        var meeting = root.Obj("payload")?.Obj("object");
        var id = meeting?.Str("id");
        var uuid = meeting?.Str("uuid");
        var end = meeting?.Date("end_time");
        if (id is null || uuid is null)
            return Normalised.Invalid("payload.object id or uuid missing");
        var at = end ?? (root.Prop("event_ts") is { ValueKind: JsonValueKind.Number } ts && ts.TryGetInt64(out var ms)
            && ms is > 0 and < 253402300799999 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null);
        if (at is null)
            return Normalised.Invalid("end_time and event_ts missing");

        var meetingId = aliases.TryGetValue($"{Source}:{id}", out var linked) ? Aliases.Resolve(aliases, linked)
            : Aliases.Resolve(aliases, $"{Source}:{uuid}");
        var observation = new CalendarObservation(
            Source,
            ChangeId: $"{Source}:{uuid}:held",
            meetingId,
            ChangeKind.Held,
            at.Value,
            Start: null, // the booked slot stays the meeting's; Zoom's actual start is a few minutes off
            End: null,
            PreviousStart: null,
            ChangedByEmail: null,
            Reason: null,
            Participants: [],
            meeting?.Str("topic"),
            SeriesKey: $"{Source}:{id}");
        return Normalised.Of([observation]);
    }
}
