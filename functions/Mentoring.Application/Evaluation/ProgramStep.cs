using Mentoring.Application.Outbox;
using Mentoring.Application.Queues;
using Mentoring.Application.Roster;
using Mentoring.Application.Storage;
using Mentoring.Engine.Programs;

namespace Mentoring.Application.Evaluation;

/// <summary>
/// The program-level step of every sweep, for every program: reads the last evaluations of its pairs, lets the engine
/// judge the program (<see cref="ProgramCrunchDetector"/>, <see cref="AdminDigest"/>), records the program-wide
/// messages they decide in the program's own log and sends them through the outbox, and keeps the summary as the
/// program's row of the day (<see cref="RiskHistory"/>, what the dashboard draws). The roster it read is handed to
/// <see cref="ProgramActivityCache"/>, where every evaluation of the program reads the rest of its program.
/// </summary>
internal sealed class ProgramStep(
    ProgramStore programs, PairStore pairs, OutboxStore outbox, ProgramDayStore days, ProgramActivityCache activityCache, MessageQueues queues)
{
    public async Task AssessAsync(string programId, DateTimeOffset now, CancellationToken ct)
    {
        var (program, cycles) = await programs.GetWithCyclesAsync(programId, ct);
        if (program is null)
            return;

        var roster = await pairs.ListAsync(programId, ct);
        var activity = roster.Select(p => PairStore.ActivityOf(p.Pair, p.Summary)).ToList();
        activityCache.Prime(programId, activity, program.Policy, now);
        var partition = Keys.ProgramLog(programId);
        var history = (await outbox.LoadMessagesAsync(partition, ct)).Select(m => m.ToSentMessage()).ToList();
        var zone = Zones.Resolve(program.TimeZoneId);
        var crunch = ProgramCrunchDetector.Assess(programId, activity, zone, program.HasSponsor, history, program.Policy, now);
        var summary = ProgramSummary.Of(activity, now);
        await days.SaveAsync(programId, new RiskDay(RiskHistory.DayOf(now, zone), summary), now, ct);
        var cycleStart = cycles.FirstOrDefault(c => c.CycleId == program.CurrentCycleId)?.Start;
        var digest = AdminDigest.Decide(programId, summary, zone, cycleStart, history, program.Policy, now);

        var decided = crunch.Decisions.Append(digest).OfType<Engine.Messages.MessageDecision>()
            .Select(d => new OutboxMessage(OutboxStore.RefOf(partition, d.IdempotencyKey), programId, null, d, now))
            .ToList();
        foreach (var added in await outbox.AddMessagesAsync(decided, ct))
            await queues.SendEmailAsync(new SendEmail(added.Ref.Partition, added.Ref.RowKey), added.Decision.NotBefore - now, ct);
    }
}
