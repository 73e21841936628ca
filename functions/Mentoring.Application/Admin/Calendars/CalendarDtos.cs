using Mentoring.Application.Ingest.Connections;

namespace Mentoring.Application.Admin.Calendars;

/// <summary>Connect a calendar: a Graph user id, a Google calendar id, or an ICS feed URL.</summary>
internal sealed record CalendarBody(string Provider, string Resource, string? ParticipantId = null, string? PairId = null);

/// <summary>
/// A connection as an admin sees it. <see cref="Resource"/> is the Graph user or Google calendar id; of a feed only its
/// scheme and host, because a private feed URL is itself a secret.
/// </summary>
internal sealed record CalendarView(
    string Id, string Provider, string? ParticipantId, string? PairId, string Resource, DateTimeOffset? ExpiresAt, HealthView Health)
{
    public static CalendarView Of(CalendarConnection c) => new(
        c.ConnectionId,
        c.Provider,
        c.ParticipantId,
        c.PairId,
        c.Provider == CalendarConnection.Ics && Uri.TryCreate(c.Resource, UriKind.Absolute, out var feed) ? $"{feed.Scheme}://{feed.Host}/…" : c.Resource,
        c.ExpiresAt,
        HealthView.Of(c.HealthOrNew));
}

/// <summary>
/// <c>status</c>: <c>pending</c> (not tried yet), <c>connected</c>, <c>retrying</c> (failed fewer than 3 times in a row)
/// or <c>failing</c>; the rest as <see cref="ConnectionHealth"/>.
/// </summary>
internal sealed record HealthView(
    string Status, DateTimeOffset? FailingSince, string? LastErrorKind, int Failures, DateTimeOffset? LastSuccessAt, DateTimeOffset? NudgedAt)
{
    public static HealthView Of(ConnectionHealth h) => new(
        h.IsFailing ? "failing" : h.Failures > 0 ? "retrying" : h.LastSuccessAt is null ? "pending" : "connected",
        h.FailingSince,
        h.LastErrorKind,
        h.Failures,
        h.LastSuccessAt,
        h.NudgedAt);
}
