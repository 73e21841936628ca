using Mentoring.Application.Roster;
using Mentoring.Engine.Messages;

namespace Mentoring.Application.Admin.Participants;

internal enum ParticipantRole
{
    Mentor,
    Mentee,
    Both,
}

/// <summary>A calendar the engine reads for this person: a provider and the provider's id for it.</summary>
internal sealed record CalendarConnection(string Provider, string CalendarId);

internal sealed record ParticipantBody(
    string Name,
    string Email,
    ParticipantRole Role,
    string TimeZone,
    string? ManagerEmail = null,
    bool ManagerNotesConsent = false,
    IReadOnlyList<CalendarConnection>? Calendars = null,
    string? ManagerName = null,
    string? Culture = null,
    string? ManagerCulture = null);

internal sealed record ParticipantView(
    string Id,
    string Name,
    string Email,
    ParticipantRole Role,
    string TimeZone,
    string? ManagerEmail,
    bool ManagerNotesConsent,
    bool Suppressed,
    IReadOnlyList<CalendarConnection> Calendars,
    string? ManagerName,
    string? Culture,
    IReadOnlyList<string> UnsubscribedFrom,
    string? ManagerCulture);

/// <summary>A participant as the admin API stores it: the pipeline's columns plus role and calendars.</summary>
internal sealed record AdminParticipant(
    string ProgramId,
    string Id,
    string Name,
    string Email,
    ParticipantRole Role,
    string TimeZone,
    string? ManagerEmail,
    bool ManagerNotesConsent,
    bool Suppressed,
    IReadOnlyList<CalendarConnection> Calendars,
    string? ManagerName = null,
    string? Culture = null,
    EmailKinds Unsubscribed = EmailKinds.None,
    string? ManagerCulture = null)
{
    /// <summary>
    /// The same participant with what <paramref name="existing"/> stopped: only the person (their unsubscribe), a bounce
    /// or an erasure changes that, never an admin's edit or a re-imported roster.
    /// </summary>
    public AdminParticipant KeepingStoppedOf(AdminParticipant? existing) =>
        this with { Suppressed = existing?.Suppressed ?? false, Unsubscribed = existing?.Unsubscribed ?? EmailKinds.None };

    /// <summary>
    /// A row of a re-imported roster over <paramref name="existing"/>: what the person stopped, and the calendars an admin
    /// gave through the JSON API, which a CSV has no column for (a re-import that dropped them would lose them).
    /// </summary>
    public AdminParticipant KeepingWhatACsvLacks(AdminParticipant? existing) =>
        KeepingStoppedOf(existing) with { Calendars = existing?.Calendars ?? Calendars };

    /// <summary><c>suppressed</c>: no email at all; <c>unsubscribedFrom</c>: the kinds they take no more (all three when suppressed).</summary>
    public ParticipantView ToView() => new(
        Id, Name, Email, Role, TimeZone, ManagerEmail, ManagerNotesConsent, Suppressed, Calendars, ManagerName, Culture,
        EmailKindNames.Names(StoppedColumns.Stopped(Suppressed, Unsubscribed)), ManagerCulture);

    /// <summary>The columns the pipeline reads (<see cref="ParticipantColumns"/>).</summary>
    public ParticipantRecord Record => new(
        ProgramId, Id, Name, Email, TimeZone, ManagerEmail, ManagerNotesConsent, Suppressed, ManagerName, Culture, Unsubscribed, ManagerCulture);

    public static AdminParticipant Of(ParticipantRecord p, ParticipantRole role, IReadOnlyList<CalendarConnection> calendars) => new(
        p.ProgramId, p.ParticipantId, p.DisplayName, p.Email, role, p.TimeZoneId, p.ManagerEmail, p.AllowsManagerNotes, p.Suppressed,
        calendars, p.ManagerName, p.Culture, p.Unsubscribed, p.ManagerCulture);
}
