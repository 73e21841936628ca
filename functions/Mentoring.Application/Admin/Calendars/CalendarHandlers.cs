using Mentoring.Application.Ingest.Connections;
using Mentoring.Application.Outbound;
using Mentoring.Application.Roster;
using Microsoft.AspNetCore.Http;

namespace Mentoring.Application.Admin.Calendars;

/// <summary>
/// A program's calendar connections: connect (and do the first sync), list with health, disconnect. A Graph or Google
/// connection is bound to its participant: the resource is their own calendar (<see cref="CalendarOwnership"/>).
/// </summary>
internal sealed class CalendarHandlers(ProgramStore programs, ConnectionStore connections, ConnectionOnboarding onboarding, PairStore pairs, ParticipantStore participants, UserTargets targets)
{
    private const int MaxResourceLength = 2048;

    public async Task<IResult> ListAsync(AdminRequest request)
    {
        await programs.ProgramOfAsync(request);
        var items = await connections.ListForProgramAsync(request.ProgramId, request.Aborted);
        return Results.Json(new { items = items.OrderBy(c => c.ConnectionId, StringComparer.Ordinal).Select(CalendarView.Of) }, AdminJson.Options);
    }

    public async Task<IResult> ConnectAsync(AdminRequest request)
    {
        await programs.ProgramOfAsync(request);
        var body = await request.BodyAsync<CalendarBody>();
        var provider = body.Provider;
        var resource = body.Resource.Trim();
        var participant = body.ParticipantId is { } participantId ? await participants.GetAsync(request.ProgramId, participantId, request.Aborted) : null;
        var pair = body.PairId is { } pairId ? await pairs.GetAsync(request.ProgramId, pairId, request.Aborted) : null;
        new Validation()
            .Require(CalendarConnection.Providers.Contains(provider), "provider", "One of: " + string.Join(", ", CalendarConnection.Providers) + ".")
            .Require(resource.Length is > 0 and <= MaxResourceLength && !resource.Any(char.IsWhiteSpace), "resource", $"A user id, calendar id or feed URL: no spaces, at most {MaxResourceLength} characters.")
            .Require(provider != CalendarConnection.Ics || IsFeedUrl(resource), "resource", "An ICS feed is an absolute http(s) URL.")
            .Require(body.ParticipantId is null || participant is not null, "participantId", "No such participant in this program.")
            .Require(body.PairId is null || pair is not null, "pairId", "No such pair in this program.")
            .Require(provider == CalendarConnection.Ics || body.ParticipantId is not null, "participantId", "Whose calendar it is: they are asked to reconnect when it stops.")
            .Require(provider != CalendarConnection.Ics || body.PairId is not null, "pairId", "The pair whose ledger the feed writes.")
            .Require(
                participant is null || CalendarOwnership.IsTheirs(provider, resource, participant.Email),
                "resource",
                provider == CalendarConnection.Google
                    ? "A Google calendar is read as its participant: their own address, or the id of a calendar shared with them (…@group.calendar.google.com)."
                    : "A mailbox is connected for its participant only: the participant's own address.")
            .ThrowIfInvalid();
        if (provider == CalendarConnection.Ics)
            await targets.RequirePublicAsync(new Uri(resource), "resource", "The feed URL", request.Aborted);

        var id = CalendarConnection.IdFor(provider, request.ProgramId, resource);
        var connected = await onboarding.ConnectAsync(
            new CalendarConnection(provider, id, request.ProgramId, body.ParticipantId, body.PairId, resource), request.Aborted)
            ?? throw ApiProblem.Conflict($"This {provider} calendar is connected already as '{id}'.");
        if (connected.HealthOrNew.LastErrorKind == RefusedTargetException.Kind)
        {
            // The first fetch was refused at connect time (a redirect, or a name that now resolves inside): not kept.
            await onboarding.DisconnectAsync(connected, request.Aborted);
            throw UserTargets.Problem("resource", "The feed URL (or a redirect from it)");
        }

        return Results.Json(CalendarView.Of(connected), AdminJson.Options, statusCode: StatusCodes.Status201Created);
    }

    public async Task<IResult> DisconnectAsync(AdminRequest request)
    {
        var id = request.Route("connectionId");
        var connection = CalendarConnection.ProviderOf(id) is { } provider
            ? await connections.GetAsync(provider, id, request.Aborted)
            : null;
        if (connection is null || connection.ProgramId != request.ProgramId)
            throw ApiProblem.NotFound("calendar connection");
        await onboarding.DisconnectAsync(connection, request.Aborted);
        return Results.NoContent();
    }

    private static bool IsFeedUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "https" or "http";
}
