using System.Text.Json;
using Mentoring.Application.Ingest.Normalising;
using Mentoring.Application.Ingest.Webhooks;
using Mentoring.Engine.Ledger;

namespace Mentoring.Application.Ingest.Calendly;

/// <summary>
/// Calendly v2 webhooks to observations. A reschedule arrives as <c>invitee.canceled</c> with <c>rescheduled: true</c>
/// (and <c>new_invitee</c>) plus <c>invitee.created</c> with <c>old_invitee</c>, in either order: the pair is ONE
/// Rescheduled (emitted by the create), never a cancellation; both record the same alias new invitee → meeting.
/// </summary>
public static class CalendlyNormaliser
{
    private const string Source = CalendarProviders.Calendly;

    public static Normalised Normalise(ReadOnlyMemory<byte> body, IReadOnlyDictionary<string, string> aliases)
    {
        using var document = JsonRead.TryParse(body);
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Object)
            return Normalised.Invalid("not a JSON object");

        var root = document.RootElement;
        var kind = root.Str("event");
        if (kind is null || root.Obj("payload") is not { } invitee)
            return Normalised.Invalid("event or payload missing");
        if (kind is not ("invitee.created" or "invitee.canceled" or "invitee_no_show.created"))
            return Normalised.Ignored($"event {kind} is not used");

        var uri = invitee.Str("uri");
        var createdAt = root.Date("created_at");
        var scheduled = invitee.Obj("scheduled_event");
        if (uri is null || createdAt is null || scheduled is null)
            return Normalised.Invalid("payload.uri, created_at or scheduled_event missing");

        var facts = new InviteeFacts(invitee, scheduled.Value, uri, createdAt.Value);
        return kind switch
        {
            "invitee.created" => Created(facts, aliases),
            "invitee.canceled" => Canceled(facts, aliases),
            _ => NoShow(facts, aliases),
        };
    }

    private static Normalised Created(InviteeFacts facts, IReadOnlyDictionary<string, string> aliases)
    {
        var old = facts.Invitee.Str("old_invitee");
        var meetingId = Aliases.Resolve(aliases, Key(old ?? facts.Uri));
        var aliasesOut = new List<MeetingAlias>();
        if (old is not null)
            aliasesOut.Add(new MeetingAlias(Key(facts.Uri), meetingId));
        if (ZoomLinks.AliasKey(facts.Scheduled.Obj("location")?.Str("join_url")) is { } zoom)
            aliasesOut.Add(new MeetingAlias(zoom, meetingId, facts.Scheduled.Date("start_time"), facts.Scheduled.Date("end_time")));

        var kind = old is null ? ChangeKind.Scheduled : ChangeKind.Rescheduled;
        return Normalised.Of([facts.Observe(kind, meetingId, facts.CreatedAt, changedBy: old is null ? null : facts.InviteeEmail)], aliasesOut);
    }

    private static Normalised Canceled(InviteeFacts facts, IReadOnlyDictionary<string, string> aliases)
    {
        var meetingId = Aliases.Resolve(aliases, Key(facts.Uri));
        if (facts.Invitee.Bool("rescheduled") == true)
        {
            // Half of a reschedule: the invitee.created with old_invitee carries the move.
            return facts.Invitee.Str("new_invitee") is { } next
                ? Normalised.Of([], [new MeetingAlias(Key(next), meetingId)])
                : Normalised.Of([]);
        }

        var cancellation = facts.Invitee.Obj("cancellation") ?? facts.Scheduled.Obj("cancellation");
        var changedBy = cancellation?.Str("canceler_type") switch
        {
            "invitee" => facts.InviteeEmail,
            "host" => facts.HostEmail,
            _ => null,
        };
        var at = cancellation?.Date("created_at") ?? facts.CreatedAt;
        return Normalised.Of([facts.Observe(ChangeKind.Cancelled, meetingId, at, changedBy, cancellation?.Str("reason"))]);
    }

    private static Normalised NoShow(InviteeFacts facts, IReadOnlyDictionary<string, string> aliases)
    {
        var at = facts.Invitee.Obj("no_show")?.Date("created_at") ?? facts.CreatedAt;
        return Normalised.Of([facts.Observe(ChangeKind.NoShow, Aliases.Resolve(aliases, Key(facts.Uri)), at, facts.InviteeEmail)]);
    }

    private static string Key(string inviteeUri) => $"{Source}:{inviteeUri}";

    private readonly record struct InviteeFacts(JsonElement Invitee, JsonElement Scheduled, string Uri, DateTimeOffset CreatedAt)
    {
        public string? InviteeEmail => Invitee.Str("email");

        public string? HostEmail => Scheduled.Arr("event_memberships").Select(m => m.Str("user_email")).OfType<string>().FirstOrDefault();

        public CalendarObservation Observe(ChangeKind kind, string meetingId, DateTimeOffset at, string? changedBy, string? reason = null) =>
            new(
                Source,
                ChangeId: $"{Source}:{Uri}:{kind}".ToLowerInvariant(),
                meetingId,
                kind,
                at,
                Scheduled.Date("start_time"),
                Scheduled.Date("end_time"),
                PreviousStart: null,
                changedBy,
                reason,
                Participants: Scheduled.Arr("event_memberships").Select(m => m.Str("user_email"))
                    .Concat(Scheduled.Arr("event_guests").Select(g => g.Str("email")))
                    .Prepend(InviteeEmail)
                    .OfType<string>()
                    .ToArray(),
                Scheduled.Str("name"),
                SeriesKey: null);
    }
}
