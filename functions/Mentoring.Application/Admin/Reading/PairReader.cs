using Mentoring.Application.Evaluation;
using Mentoring.Application.Roster;
using Mentoring.Application.Storage;
using Mentoring.Engine;
using Mentoring.Engine.Ledger;
using Mentoring.Engine.Pairs;

namespace Mentoring.Application.Admin.Reading;

/// <summary>One pair read whole, and what the engine says of it now (read-only: nothing is written).</summary>
internal sealed record PairReading(
    ProgramRecord Program, PairRecord Pair, PairSummary Summary, PairLog Log, PairEvaluation? Evaluation, PairSnapshot? Snapshot = null,
    string? MentorName = null, string? MenteeName = null);

/// <summary>Loads a pair as the evaluation does and asks the pure engine about it, to explain its state to an admin.</summary>
internal sealed class PairReader(ProgramStore programs, ParticipantStore participants, PairStore pairs, PairLogStore logs)
{
    public async Task<PairReading?> ReadAsync(string programId, string pairId, DateTimeOffset now, CancellationToken ct)
    {
        if (await programs.GetAsync(programId, ct) is not { } program || await pairs.GetAsync(programId, pairId, ct) is not { } found)
            return null;
        var log = await logs.LoadAsync(Keys.PairLog(programId, pairId), ct);
        var mentor = await participants.GetAsync(programId, found.Pair.MentorId, ct);
        var mentee = await participants.GetAsync(programId, found.Pair.MenteeId, ct);
        PairEvaluation? evaluation = null;
        PairSnapshot? snapshot = null;
        if (mentor is not null && mentee is not null)
        {
            var cycle = found.Pair.CycleId is { } cycleId ? await programs.GetCycleAsync(programId, cycleId, ct) : null;
            var context = new PairContext(
                pairId, programId, ToParticipant(mentor, Party.Mentor), ToParticipant(mentee, Party.Mentee), found.Pair.StartedAt, cycle?.ToWindow(),
                Zones.Resolve(program.TimeZoneId), found.Pair.Status, found.Pair.StatusChangedAt, program.HasSponsor);
            snapshot = new PairSnapshot(context, log.Ledger, [.. log.Messages.Select(m => m.ToSentMessage())]);
            evaluation = PairEngine.Evaluate(snapshot, program.Policy, now);
        }

        return new PairReading(program, found.Pair, found.Summary, log, evaluation, snapshot, mentor?.DisplayName, mentee?.DisplayName);
    }

    private static Participant ToParticipant(ParticipantRecord p, Party role) =>
        new(p.ParticipantId, role, Zones.Resolve(p.TimeZoneId), p.AllowsManagerNotes, p.Stopped);
}
