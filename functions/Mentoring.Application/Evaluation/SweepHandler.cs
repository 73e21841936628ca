using Mentoring.Application.Queues;
using Mentoring.Application.Roster;
using Microsoft.Extensions.Logging;

namespace Mentoring.Application.Evaluation;

internal sealed record SweepOutcome(int PairsEnqueued, int Programs);

/// <summary>
/// The timer sweep: first the program-level step for every program (the crunch, the weekly digest), then only the due
/// pairs from the due-index, a page at a time, fanned out to <c>pair-evaluations</c>. Each message's id is the due entry's, so a second
/// sweep (or a second host) enqueues the same ids and the evaluation applies each once.
/// </summary>
internal sealed partial class SweepHandler(
    DueIndex due, ProgramStore programs, ProgramStep programStep, MessageQueues queues, TimeProvider time, ILogger<SweepHandler> logger)
{
    /// <summary>How many sends are in flight at once (Storage Queues has no batch send).</summary>
    public const int FanOutBatch = 32;

    public async Task<SweepOutcome> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var assessed = new HashSet<string>(StringComparer.Ordinal);
        var enqueued = 0;
        foreach (var programId in await programs.ListIdsAsync(ct))
        {
            await programStep.AssessAsync(programId, now, ct);
            assessed.Add(programId);
        }

        await foreach (var page in due.ReadDueAsync(now, ct))
        {
            foreach (var programId in page.Select(e => e.ProgramId).Distinct(StringComparer.Ordinal))
            {
                if (assessed.Add(programId))
                    await programStep.AssessAsync(programId, now, ct);
            }

            var options = new ParallelOptions { MaxDegreeOfParallelism = FanOutBatch, CancellationToken = ct };
            await Parallel.ForEachAsync(page, options, async (entry, token) =>
                await queues.EvaluateAsync(
                    new EvaluatePair("due/" + entry.DueKey, entry.ProgramId, entry.PairId, entry.DueKey),
                    token));
            enqueued += page.Count;
        }

        LogSwept(enqueued, assessed.Count);
        return new SweepOutcome(enqueued, assessed.Count);
    }

    [LoggerMessage(2001, LogLevel.Information, "Sweep enqueued {Pairs} due pairs of {Programs} programs")]
    private partial void LogSwept(int pairs, int programs);
}
