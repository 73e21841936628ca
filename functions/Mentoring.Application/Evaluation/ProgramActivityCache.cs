using System.Collections.Concurrent;
using Mentoring.Application.Roster;
using Mentoring.Engine.Pairs;
using Mentoring.Engine.Policy;
using Mentoring.Engine.Programs;

namespace Mentoring.Application.Evaluation;

/// <summary>
/// Per process, what every evaluation needs of the rest of its program: how many pairs are active, which of them had a
/// setback in the crunch window, the meetings held. Read with one partition query (or handed over by the sweep's program
/// step, which reads it anyway) and kept for <see cref="Lifetime"/>; each evaluation this process makes updates its own
/// pair at once, so the postponements of one calendar burst are counted as they come. Sweep-driven and change-driven
/// evaluations read it alike: the engine decides the crunch with the pair's own fresh setback added
/// (<see cref="ProgramCrunchDetector"/>).
/// </summary>
internal sealed class ProgramActivityCache(PairStore pairs, ProgramChanges changes, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The program's conditions for an evaluation of <paramref name="pairId"/>: the other pairs' activity.</summary>
    public async Task<ProgramConditions> ConditionsAsync(string programId, string pairId, EngagementPolicy policy, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var version = changes.VersionOf(programId);
        if (!_entries.TryGetValue(programId, out var entry) || entry.Version != version || now - entry.LoadedAt >= Lifetime)
        {
            var roster = await pairs.ListAsync(programId, ct);
            entry = new Entry(version, now, roster.Select(p => PairStore.ActivityOf(p.Pair, p.Summary)), policy);
            _entries[programId] = entry;
        }

        return entry.ConditionsFor(pairId);
    }

    /// <summary>The sweep's program step read the roster already: kept, so its evaluations do not read it again.</summary>
    public void Prime(string programId, IEnumerable<PairActivity> roster, EngagementPolicy policy, DateTimeOffset now) =>
        _entries[programId] = new Entry(changes.VersionOf(programId), now, roster, policy);

    /// <summary>An evaluation's result for its own pair, seen by the next evaluation of the program in this process.</summary>
    public void Record(string programId, PairActivity pair)
    {
        if (_entries.TryGetValue(programId, out var entry))
            entry.Record(pair);
    }

    private sealed class Entry
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<string, PairActivity> _pairs = new(StringComparer.Ordinal);
        private readonly HashSet<string> _postponing = new(StringComparer.Ordinal);
        private readonly EngagementPolicy _policy;
        private int _active;
        private int _meetingsHeld;

        public Entry(long version, DateTimeOffset loadedAt, IEnumerable<PairActivity> roster, EngagementPolicy policy)
        {
            Version = version;
            LoadedAt = loadedAt;
            _policy = policy;
            foreach (var pair in roster)
                Record(pair);
        }

        public long Version { get; }

        public DateTimeOffset LoadedAt { get; }

        public ProgramConditions ConditionsFor(string pairId)
        {
            lock (_lock)
                return new ProgramConditions(false, _active, _meetingsHeld, _postponing.Count - (_postponing.Contains(pairId) ? 1 : 0));
        }

        public void Record(PairActivity pair)
        {
            lock (_lock)
            {
                if (_pairs.Remove(pair.PairId, out var before))
                {
                    _active -= before.Active ? 1 : 0;
                    _meetingsHeld -= before.MeetingsHeld;
                }

                _pairs[pair.PairId] = pair;
                _active += pair.Active ? 1 : 0;
                _meetingsHeld += pair.MeetingsHeld;
                if (pair.Active && pair.LastSetbackAt is { } at && at > LoadedAt - TimeSpan.FromDays(_policy.CrunchWindowDays))
                    _postponing.Add(pair.PairId);
                else
                    _postponing.Remove(pair.PairId);
            }
        }
    }
}
