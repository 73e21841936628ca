using System.Collections.Concurrent;
using Mentoring.Application.Roster;

namespace Mentoring.Application.Evaluation;

/// <summary>What an evaluation needs to know about a program besides the pair: the program, its cycles, its people.</summary>
internal sealed record ProgramContext(
    ProgramRecord Program,
    IReadOnlyDictionary<string, CycleRecord> Cycles,
    IReadOnlyDictionary<string, ParticipantRecord> Participants);

/// <summary>
/// Per process, for the sweep's fan-out: a program, its cycles and its participants, read with one partition query each
/// (participants in pages of 1,000) and kept for <see cref="Lifetime"/>, so a sweep of 10,000 pairs of a program reads
/// them a few dozen times instead of 40,000. A write this process makes drops the entry at once
/// (<see cref="ProgramChanges"/>); a write another instance makes is seen within <see cref="Lifetime"/>. Evaluations
/// triggered by a change (a calendar delivery, a suppression, an admin edit) do not use it: they read fresh.
/// </summary>
internal sealed class ProgramContextCache(ProgramStore programs, ParticipantStore participants, ProgramChanges changes, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async Task<ProgramContext?> GetAsync(string programId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var version = changes.VersionOf(programId);
        while (true)
        {
            // Lazy: concurrent misses share one load. It runs without the caller's token, so one cancelled caller does
            // not fail the others; a failed load is dropped on the next turn.
            var entry = _entries.GetOrAdd(programId, _ => new Entry(version, now, new(() => LoadAsync(programId, CancellationToken.None))));
            var load = entry.Load.Value;
            if (entry.Version == version && now - entry.LoadedAt < Lifetime && !load.IsFaulted && !load.IsCanceled)
                return await load.WaitAsync(ct);
            _entries.TryRemove(new KeyValuePair<string, Entry>(programId, entry)); // stale: the next turn loads it again
        }
    }

    private async Task<ProgramContext?> LoadAsync(string programId, CancellationToken ct)
    {
        var (program, cycles) = await programs.GetWithCyclesAsync(programId, ct);
        if (program is null)
            return null;
        var people = await participants.ListAsync(programId, ct);
        return new ProgramContext(
            program,
            cycles.ToDictionary(c => c.CycleId, StringComparer.Ordinal),
            people.ToDictionary(p => p.ParticipantId, StringComparer.Ordinal));
    }

    private sealed record Entry(long Version, DateTimeOffset LoadedAt, Lazy<Task<ProgramContext?>> Load);
}
