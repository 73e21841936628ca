using Mentoring.Application.Admin.Participants;
using Mentoring.Application.Roster;

namespace Mentoring.Application.Admin;

/// <summary>What a route names, read from its store, or a 404 (the caller's scope was checked already).</summary>
internal static class AdminLoads
{
    public static async Task<ProgramRecord> ProgramOfAsync(this ProgramStore programs, AdminRequest request) =>
        await programs.GetAsync(request.ProgramId, request.Aborted) ?? throw ApiProblem.NotFound("program");

    public static async Task<(PairRecord Pair, PairSummary Summary)> PairOfAsync(this PairStore pairs, AdminRequest request) =>
        await pairs.GetAsync(request.ProgramId, request.Route("pairId"), request.Aborted) ?? throw ApiProblem.NotFound("pair");

    public static async Task<AdminParticipant> ParticipantOfAsync(this ParticipantRows participants, AdminRequest request) =>
        await participants.GetAsync(request.ProgramId, request.Route("participantId"), request.Aborted) ?? throw ApiProblem.NotFound("participant");
}
