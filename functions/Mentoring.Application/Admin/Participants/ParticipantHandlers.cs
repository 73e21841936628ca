using Mentoring.Application.Roster;
using Microsoft.AspNetCore.Http;

namespace Mentoring.Application.Admin.Participants;

internal sealed class ParticipantHandlers(ProgramStore programs, ParticipantRows participants)
{
    public async Task<IResult> ListAsync(AdminRequest request)
    {
        await programs.ProgramOfAsync(request);
        var (size, token) = request.Page();
        var (items, next) = await participants.PageAsync(request.ProgramId, size, token, request.Aborted);
        return Results.Json(new { items = items.Select(p => p.ToView()), continuationToken = next }, AdminJson.Options);
    }

    public async Task<IResult> GetAsync(AdminRequest request) =>
        Results.Json((await participants.ParticipantOfAsync(request)).ToView(), AdminJson.Options);

    public async Task<IResult> PutAsync(AdminRequest request)
    {
        await programs.ProgramOfAsync(request);
        var id = request.Route("participantId");
        var body = await request.BodyAsync<ParticipantBody>();
        var validation = new Validation().Require(Validation.IsId(id), "participantId", "Letters, digits, '-', '_' or '.', at most 64.");
        Validate(body, validation);
        validation.ThrowIfInvalid();
        var existing = await participants.GetAsync(request.ProgramId, id, request.Aborted);
        var participant = From(request.ProgramId, id, body, suppressed: false).KeepingStoppedOf(existing);
        await participants.SaveAsync(participant, request.Aborted);
        return Results.Json(participant.ToView(), AdminJson.Options, statusCode: existing is null ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    public static void Validate(ParticipantBody body, Validation validation, string prefix = "") => validation
        .Require(!string.IsNullOrWhiteSpace(body.Name) && body.Name.Length <= 200, prefix + "name", "Required, at most 200 characters.")
        .Require(Validation.IsEmail(body.Email), prefix + "email", "An email address.")
        .Require(Validation.IsZone(body.TimeZone), prefix + "timeZone", "An IANA time zone id, e.g. Europe/Berlin.")
        .Require(body.ManagerEmail is null || Validation.IsEmail(body.ManagerEmail), prefix + "managerEmail", "An email address.")
        .Require(body.ManagerName is null || (body.ManagerName.Length <= 200 && body.ManagerEmail is not null), prefix + "managerName", "At most 200 characters, with a manager email.")
        .Require(body.Culture is null || Validation.IsCulture(body.Culture), prefix + "culture", Validation.CultureRule)
        .Require(body.ManagerCulture is null || (Validation.IsCulture(body.ManagerCulture) && body.ManagerEmail is not null), prefix + "managerCulture", Validation.CultureRule + " With a manager email.")
        .Require(!body.ManagerNotesConsent || body.ManagerEmail is not null, prefix + "managerNotesConsent", "Consent needs a manager email.")
        .Require((body.Calendars ?? []).All(c => !string.IsNullOrWhiteSpace(c.Provider) && !string.IsNullOrWhiteSpace(c.CalendarId)), prefix + "calendars", "Each needs a provider and a calendarId.");

    public static AdminParticipant From(string programId, string id, ParticipantBody body, bool suppressed) =>
        new(programId, id, body.Name.Trim(), body.Email.Trim(), body.Role, body.TimeZone, body.ManagerEmail, body.ManagerNotesConsent, suppressed, body.Calendars ?? [],
            string.IsNullOrWhiteSpace(body.ManagerName) ? null : body.ManagerName.Trim(), Validation.CultureName(body.Culture), ManagerCulture: Validation.CultureName(body.ManagerCulture));
}
