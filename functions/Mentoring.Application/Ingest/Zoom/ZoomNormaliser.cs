using System.Text.Json;
using Mentoring.Application.Ingest.Normalising;
using Mentoring.Application.Ingest.Webhooks;
using Mentoring.Engine.Ledger;

namespace Mentoring.Application.Ingest.Zoom;

/// <summary>
/// Zoom <c>meeting.ended</c> proves a meeting took place: Held (confirmed) for the booking that Zoom meeting served. One
/// Zoom meeting id serves many bookings (a personal link, a recurring Zoom meeting), each instance with its own uuid: the
/// instance is the booking that used the id (<see cref="ZoomUse"/>, recorded from a booking's join URL) whose slot is
/// nearest its actual start, within <see cref="Nearby"/>; an instance seen before keeps its booking (<c>zoom:{uuid}</c>).
/// With no booking near, the Zoom instance is its own meeting, which an admin's series link on <c>zoom:{id}</c> can still
/// tie to a pair. Ids recorded before slots were (an alias <c>zoom:{id}</c> only) still lead to that booking.
/// </summary>
public static class ZoomNormaliser
{
    /// <summary>How far from a booked start a Zoom instance may begin and still be that booking.</summary>
    public static readonly TimeSpan Nearby = TimeSpan.FromHours(12);

    private const string Source = CalendarProviders.Zoom;

    /// <summary>The key bookings of this delivery's Zoom meeting are recorded under (<c>zoom:{id}</c>), if it names one.</summary>
    public static string? MeetingKeyOf(ReadOnlyMemory<byte> body)
    {
        using var document = JsonRead.TryParse(body);
        return document?.RootElement.Obj("payload")?.Obj("object")?.Str("id") is { } id ? $"{Source}:{id}" : null;
    }

    public static Normalised Normalise(ReadOnlyMemory<byte> body, IReadOnlyDictionary<string, string> aliases, IReadOnlyList<ZoomUse>? uses = null)
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
        var started = meeting?.Date("start_time");
        var end = meeting?.Date("end_time");
        if (id is null || uuid is null)
            return Normalised.Invalid("payload.object id or uuid missing");
        var at = end ?? (root.Prop("event_ts") is { ValueKind: JsonValueKind.Number } ts && ts.TryGetInt64(out var ms)
            && ms is > 0 and < 253402300799999 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null);
        if (at is null)
            return Normalised.Invalid("end_time and event_ts missing");

        var instanceKey = $"{Source}:{uuid}";
        var idKey = $"{Source}:{id}";
        var meetingId = aliases.ContainsKey(instanceKey) ? Aliases.Resolve(aliases, instanceKey)
            : uses is { Count: > 0 } ? Nearest(uses, started ?? at.Value)?.MeetingId ?? instanceKey
            : aliases.TryGetValue(idKey, out var linked) ? Aliases.Resolve(aliases, linked)
            : instanceKey;
        meetingId = Aliases.Resolve(aliases, meetingId);
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
            SeriesKey: idKey);
        return Normalised.Of([observation], meetingId == instanceKey ? [] : [new MeetingAlias(instanceKey, meetingId)]);
    }

    /// <summary>The booking whose slot is nearest the instance's actual start (ties: the later booked slot), if near enough.</summary>
    private static ZoomUse? Nearest(IReadOnlyList<ZoomUse> uses, DateTimeOffset started)
    {
        ZoomUse? best = null;
        var bestDistance = TimeSpan.MaxValue;
        foreach (var use in uses)
        {
            var distance = (use.Start - started).Duration();
            if (distance <= Nearby && distance <= bestDistance)
                (best, bestDistance) = (use, distance);
        }

        return best;
    }
}
