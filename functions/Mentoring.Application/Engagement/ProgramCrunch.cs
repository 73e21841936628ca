using Mentoring.Application.Queues;
using Mentoring.Application.Storage;
using Mentoring.Engine.Pairs;
using Mentoring.Engine.Programs;

namespace Mentoring.Application.Engagement;

/// <summary>
/// The program-level step of a sweep: runs <see cref="ProgramCrunchDetector"/> over the last evaluations of a program's
/// pairs, records the one program-wide message it may call for, and gives the conditions every evaluation is passed.
/// </summary>
internal sealed class ProgramCrunch(ProgramStore programs, PairStore pairs, PairLogStore logs, MessageQueues queues)
{
    public async Task<ProgramConditionsDto> AssessAsync(string programId, DateTimeOffset now, CancellationToken ct)
    {
        var program = await programs.GetAsync(programId, ct);
        if (program is null)
            return new ProgramConditionsDto(false, 0, 0);

        var roster = await pairs.ListAsync(programId, ct);
        var activity = roster.Select(p => new PairActivity(p.Pair.PairId, p.Pair.Status == PairStatus.Active, p.Summary.LastSetbackAt));
        var partition = Keys.ProgramLog(programId);
        var history = (await logs.LoadMessagesAsync(partition, ct)).Select(m => m.ToSentMessage()).ToList();
        var assessment = ProgramCrunchDetector.Assess(
            programId, activity, Zones.Resolve(program.TimeZoneId), program.HasSponsor, history, program.Policy, now);

        var decided = assessment.Decisions
            .Select(d => new OutboxMessage(PairLogStore.RefOf(partition, d.IdempotencyKey), programId, null, d, now))
            .ToList();
        foreach (var added in await logs.AddMessagesAsync(decided, ct))
            await queues.SendEmailAsync(new SendEmail(added.Ref.Partition, added.Ref.RowKey), added.Decision.NotBefore - now, ct);

        return new ProgramConditionsDto(assessment.Active, assessment.ActivePairs, roster.Sum(p => p.Summary.MeetingsHeld));
    }
}
