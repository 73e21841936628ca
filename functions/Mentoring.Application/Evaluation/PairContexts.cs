using Mentoring.Application.Roster;
using Mentoring.Application.Storage;
using Mentoring.Engine.Ledger;
using Mentoring.Engine.Pairs;

namespace Mentoring.Application.Evaluation;

/// <summary>A stored pair, its people, program and cycle as the engine's <see cref="PairContext"/>: the one mapping.</summary>
internal static class PairContexts
{
    public static PairContext Of(ProgramRecord program, PairRecord pair, ParticipantRecord mentor, ParticipantRecord mentee, CycleRecord? cycle) => new(
        pair.PairId,
        pair.ProgramId,
        ToParticipant(mentor, Party.Mentor),
        ToParticipant(mentee, Party.Mentee),
        pair.StartedAt,
        cycle?.ToWindow(),
        Zones.Resolve(program.TimeZoneId),
        pair.Status,
        pair.StatusChangedAt,
        program.HasSponsor);

    private static Participant ToParticipant(ParticipantRecord p, Party role) =>
        new(p.ParticipantId, role, Zones.Resolve(p.TimeZoneId), p.AllowsManagerNotes, p.Stopped);
}
