using Mentoring.Application.Integration;
using Mentoring.Application.Outbox;
using Mentoring.Application.Queues;
using Mentoring.Application.Roster;
using Mentoring.Application.Storage;
using Mentoring.Engine;
using Mentoring.Engine.Messages;
using Mentoring.Engine.Pairs;
using Microsoft.Extensions.Logging;

namespace Mentoring.Application.Evaluation;

internal enum EvaluationOutcome
{
    Evaluated,
    Duplicate,
    PairGone,
    Superseded,
}

/// <summary>
/// <c>pair-evaluations</c>, an impureim sandwich: load the pair, its ledger and history; let the engine decide with
/// <c>now</c>; write the decided messages (outbox and history in one row each), the pending events and the state in one
/// partition transaction under If-Match. Then the derived writes, each idempotent: the due-index, the pair's summary,
/// one <c>outbound-email</c> message per new outbox row, the integration events. What each step costs in storage
/// transactions, and what may come from a cache: docs/decisions/0004-evaluation-transactions.md.
/// </summary>
internal sealed partial class EvaluatePairHandler(
    ProgramStore programs,
    ProgramContextCache programContexts,
    ParticipantStore participants,
    PairStore pairs,
    PairLogStore logs,
    OutboxStore outbox,
    PendingEventStore pendingEvents,
    ProgramActivityCache programActivity,
    DueIndex due,
    MessageQueues queues,
    IIntegrationEventPublisher publisher,
    TimeProvider time,
    ILogger<EvaluatePairHandler> logger)
{
    /// <summary>How many applied evaluation ids the state row remembers (a redelivery comes soon, or not at all).</summary>
    public const int RememberedEvaluations = 16;

    private const int MaxRaces = 5;

    public async Task<EvaluationOutcome> HandleAsync(EvaluatePair message, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var partition = Keys.PairLog(message.ProgramId, message.PairId);
        for (var attempt = 1; ; attempt++)
        {
            if (await pairs.GetWithETagAsync(message.ProgramId, message.PairId, ct) is not { } found)
            {
                if (message.DueKey is not null)
                    await due.RemoveAsync(message.DueKey, ct);
                LogPairGone(message.EvaluationId, message.ProgramId, message.PairId);
                return EvaluationOutcome.PairGone;
            }

            if (IsSuperseded(message, found.Summary))
            {
                // A later sweep found the entry still there (this message waited in a backlog longer than the sweep's
                // interval) or an admin edit rescheduled the pair: it has been evaluated since the entry fell due, so
                // all that is left is the entry, if the evaluation that replaced it could not remove it.
                await due.RemoveAsync(message.DueKey!, ct);
                LogSuperseded(message.EvaluationId, message.PairId);
                return EvaluationOutcome.Superseded;
            }

            var log = await logs.LoadAsync(partition, ct);
            if (log.State is { } applied && applied.AppliedEvaluations.Contains(message.EvaluationId, StringComparer.Ordinal))
            {
                // Applied before: only finish what a crashed first try may have left (idempotent on the other side).
                await FlushAsync(partition, [.. log.Messages.Where(m => m.Status == OutboxStatus.Pending)], log.PendingEvents, now, ct);
                LogDuplicate(message.EvaluationId, message.PairId);
                return EvaluationOutcome.Duplicate;
            }

            // The sweep's fan-out reads the program's context from the per-process cache; a change-driven evaluation reads fresh.
            var cached = message.DueKey is not null ? await programContexts.GetAsync(message.ProgramId, ct) : null;
            var program = cached?.Program
                ?? await programs.GetAsync(message.ProgramId, ct)
                ?? throw new InvalidOperationException($"Pair {message.PairId} names program {message.ProgramId}, which does not exist.");
            var context = await LoadContextAsync(found.Pair, program, cached, ct);
            // One path whatever caused the evaluation: the rest of the program as this process last saw it.
            var conditions = await programActivity.ConditionsAsync(message.ProgramId, message.PairId, program.Policy, ct);
            var snapshot = new PairSnapshot(context, log.Ledger, [.. log.Messages.Select(m => m.ToSentMessage())], conditions);

            var evaluation = PairEngine.Evaluate(snapshot, program.Policy, now);
            if (evaluation.Decisions.Any(d => TemplateIds.IsCapped(d.TemplateId))
                && await SendsElsewhereAsync(found.Pair, ct) is { Count: > 0 } elsewhere)
            {
                // The weekly cap counts the person: decide again knowing what their other pairs were sent (rarely needed).
                evaluation = PairEngine.Evaluate(snapshot with { OtherSends = elsewhere }, program.Policy, now);
            }

            var decided = evaluation.Decisions
                .Select(d => new OutboxMessage(OutboxStore.RefOf(partition, d.IdempotencyKey), message.ProgramId, message.PairId, d, now))
                .ToList();
            var events = IntegrationEvents.Of(message.ProgramId, message.PairId, log.State, evaluation);
            var remembered = (log.State?.AppliedEvaluations ?? []).TakeLast(RememberedEvaluations - 1).Append(message.EvaluationId).ToList();
            var state = new PairState(
                now,
                evaluation.NextEvaluationAt,
                evaluation.Health.Level,
                evaluation.Health.Score,
                evaluation.MeetingsHeld,
                evaluation.LastSetbackAt,
                evaluation.EpisodeKey,
                remembered);
            try
            {
                // An evaluation that decides nothing and judges as the last one did has nothing to commit: skipping the
                // write saves a transaction per unchanged pair. Its id is then not remembered; a redelivery evaluates
                // again and, the ledger unchanged, writes nothing either.
                if (decided.Count > 0 || events.Count > 0 || log.State is not { } last || !JudgesAlike(last, state))
                    await logs.CommitEvaluationAsync(partition, state, log.StateETag, decided, events, ct);
            }
            catch (ConcurrentEvaluationException) when (attempt < MaxRaces)
            {
                LogRace(message.EvaluationId, message.PairId, attempt);
                continue;
            }

            var staleKeys = new[] { found.Summary.DueKey, message.DueKey };
            var dueKey = await due.MoveAsync(message.ProgramId, message.PairId, evaluation.NextEvaluationAt, staleKeys, ct);
            var summary = new PairSummary(
                now, evaluation.Health.Level, evaluation.Health.Score, evaluation.LastSetbackAt, evaluation.NextEvaluationAt, dueKey, evaluation.MeetingsHeld,
                evaluation.LastMeetingAt);
            if (!await pairs.TryRecordSummaryAsync(message.ProgramId, message.PairId, summary, found.ETag, ct))
            {
                // The row changed since we read it (an admin edit, or another evaluation recorded its own due entry):
                // read it again, and remove the entry it names unless that is ours or one we already removed.
                var previousDueKey = await pairs.RecordSummaryAsync(message.ProgramId, message.PairId, summary, ct);
                if (previousDueKey is not null && previousDueKey != dueKey && !staleKeys.Contains(previousDueKey))
                    await due.RemoveAsync(previousDueKey, ct);
            }

            programActivity.Record(message.ProgramId, PairStore.ActivityOf(found.Pair, summary));
            await FlushAsync(partition, decided, events, now, ct);
            LogEvaluated(message.EvaluationId, message.PairId, evaluation.Health.Level.ToString(), decided.Count);
            return EvaluationOutcome.Evaluated;
        }
    }

    /// <summary>
    /// A sweep's message whose entry the pair's row no longer names, for a pair evaluated at or after the entry fell due.
    /// (An entry the row does not name but that fell due after the last evaluation is what a crash between the due move
    /// and the summary write leaves: that one is evaluated.)
    /// </summary>
    private static bool IsSuperseded(EvaluatePair message, PairSummary summary) =>
        message.DueKey is { } dueKey
        && !string.Equals(summary.DueKey, dueKey, StringComparison.Ordinal)
        && summary.EvaluatedAt is { } evaluatedAt
        && DueIndex.DueAtOf(dueKey) is { } dueAt
        && evaluatedAt >= dueAt;

    private static bool JudgesAlike(PairState last, PairState now) =>
        last.RiskLevel == now.RiskLevel
        && last.Score == now.Score
        && last.MeetingsHeld == now.MeetingsHeld
        && last.LastSetbackAt == now.LastSetbackAt
        && string.Equals(last.EpisodeKey, now.EpisodeKey, StringComparison.Ordinal);

    private async Task FlushAsync(
        string partition, IReadOnlyList<OutboxMessage> pending, IReadOnlyList<IntegrationEvent> events, DateTimeOffset now, CancellationToken ct)
    {
        // A capped email goes to the dispatcher at once, to book its place in the person's week (it waits there after).
        foreach (var message in pending)
        {
            var delay = TemplateIds.IsCapped(message.Decision.TemplateId) ? TimeSpan.Zero : message.Decision.NotBefore - now;
            await queues.SendEmailAsync(new SendEmail(message.Ref.Partition, message.Ref.RowKey), delay, ct);
        }
        foreach (var e in events)
        {
            await publisher.PublishAsync(e, ct);
            await pendingEvents.DeleteEventAsync(partition, e.EventId, ct);
        }
    }

    /// <summary>Capped messages decided for this pair's people in their other pairs of the program (not cancelled or skipped).</summary>
    private async Task<List<SentMessage>> SendsElsewhereAsync(PairRecord pair, CancellationToken ct)
    {
        var sends = new List<SentMessage>();
        foreach (var personId in new[] { pair.MentorId, pair.MenteeId })
        {
            foreach (var (programId, otherPairId) in await pairs.PairsOfAsync(personId, ct))
            {
                if (programId != pair.ProgramId || otherPairId == pair.PairId)
                    continue;
                foreach (var m in await outbox.LoadMessagesAsync(Keys.PairLog(programId, otherPairId), ct))
                {
                    if (m.Decision.Recipient.ParticipantId == personId && TemplateIds.IsCapped(m.Decision.TemplateId)
                        && m.Status is OutboxStatus.Pending or OutboxStatus.Sending or OutboxStatus.Sent)
                        sends.Add(m.ToSentMessage());
                }
            }
        }

        return sends;
    }

    private async Task<PairContext> LoadContextAsync(PairRecord pair, ProgramRecord program, ProgramContext? cached, CancellationToken ct)
    {
        var mentor = cached?.Participants.GetValueOrDefault(pair.MentorId)
            ?? await participants.GetAsync(pair.ProgramId, pair.MentorId, ct)
            ?? throw new InvalidOperationException($"Pair {pair.PairId} names mentor {pair.MentorId}, who does not exist.");
        var mentee = cached?.Participants.GetValueOrDefault(pair.MenteeId)
            ?? await participants.GetAsync(pair.ProgramId, pair.MenteeId, ct)
            ?? throw new InvalidOperationException($"Pair {pair.PairId} names mentee {pair.MenteeId}, who does not exist.");
        var cycle = pair.CycleId is not { } cycleId ? null
            : cached?.Cycles.GetValueOrDefault(cycleId) ?? await programs.GetCycleAsync(pair.ProgramId, cycleId, ct);
        return PairContexts.Of(program, pair, mentor, mentee, cycle);
    }

    [LoggerMessage(2201, LogLevel.Information, "Evaluation {EvaluationId}: pair {PairId} is {RiskLevel}, {Decided} messages decided")]
    private partial void LogEvaluated(string evaluationId, string pairId, string riskLevel, int decided);

    [LoggerMessage(2202, LogLevel.Information, "Evaluation {EvaluationId} of pair {PairId} was applied before; skipped")]
    private partial void LogDuplicate(string evaluationId, string pairId);

    [LoggerMessage(2203, LogLevel.Information, "Evaluation {EvaluationId} is for pair {ProgramId}/{PairId}, which no longer exists; skipped")]
    private partial void LogPairGone(string evaluationId, string programId, string pairId);

    [LoggerMessage(2205, LogLevel.Information, "Evaluation {EvaluationId} of pair {PairId} was superseded by a later evaluation; skipped")]
    private partial void LogSuperseded(string evaluationId, string pairId);

    [LoggerMessage(2204, LogLevel.Debug, "Evaluation {EvaluationId} of pair {PairId} lost a race (attempt {Attempt}); reloading")]
    private partial void LogRace(string evaluationId, string pairId, int attempt);
}
