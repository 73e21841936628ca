using Mentoring.Application.Ingest.Matching;
using Mentoring.Application.Roster;
using Mentoring.Engine.Pairs;

namespace Mentoring.Application.Ingest;

/// <summary>
/// The pairs a calendar event may belong to, with both participants' addresses (in memory only) and the admins' series
/// links: read from the <c>pairs</c> and <c>participants</c> tables, kept for <see cref="CacheFor"/> or until this process
/// writes to them (<see cref="PairDirectoryChanges"/>). Grouped by program: a calendar change is only ever matched
/// against the pairs of the program whose connection or route delivered it (<see cref="Snapshot.Of"/>).
/// </summary>
internal sealed class PairDirectory(PairStore pairs, ParticipantStore participants, MeetingStore meetings, PairDirectoryChanges changes, TimeProvider time) : IDisposable
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Snapshot? _snapshot;

    public Task<Snapshot> GetAsync(CancellationToken ct) => GetAsync(CacheFor, ct);

    /// <summary>The pairs as read at most <paramref name="maxAge"/> ago and after this process's last write to them.</summary>
    public async Task<Snapshot> GetAsync(TimeSpan maxAge, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var version = changes.Version;
        if (_snapshot is { } cached && now - cached.LoadedAt < maxAge && cached.Version == version)
            return cached;
        await _gate.WaitAsync(ct);
        try
        {
            if (_snapshot is { } again && now - again.LoadedAt < maxAge && again.Version == version)
                return again;
            return _snapshot = await LoadAsync(now, version, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>Forgets the cached pairs (after an admin change, and in tests).</summary>
    public void Invalidate() => _snapshot = null;

    private async Task<Snapshot> LoadAsync(DateTimeOffset now, long version, CancellationToken ct)
    {
        var all = await pairs.ListAllAsync(ct);
        var emails = new Dictionary<(string, string), string>();
        foreach (var program in all.Select(p => p.ProgramId).Distinct(StringComparer.Ordinal))
        {
            foreach (var person in await participants.ListAsync(program, ct))
                emails[(program, person.ParticipantId)] = person.Email;
        }

        var links = await meetings.LinksAsync(ct);
        var byProgram = new Dictionary<string, List<PairIdentity>>(StringComparer.Ordinal);
        foreach (var row in all)
        {
            var program = row.ProgramId;
            var pair = row.PairId;
            if (row.Status == PairStatus.Ended)
                continue;
            if (!emails.TryGetValue((program, row.MentorId), out var mentor)
                || !emails.TryGetValue((program, row.MenteeId), out var mentee))
                continue;
            if (!byProgram.TryGetValue(program, out var identities))
                byProgram[program] = identities = [];
            var linked = links.Where(l => l.Pair.ProgramId == program && l.Pair.PairId == pair).Select(l => l.Key).ToArray();
            identities.Add(new PairIdentity(pair, mentor, mentee, linked));
        }

        return new Snapshot(now, version, byProgram.ToDictionary(p => p.Key, p => (IReadOnlyList<PairIdentity>)p.Value, StringComparer.Ordinal));
    }

    internal sealed record Snapshot(DateTimeOffset LoadedAt, long Version, IReadOnlyDictionary<string, IReadOnlyList<PairIdentity>> Programs)
    {
        /// <summary>The pairs of one program that calendars can match (not ended, both addresses known).</summary>
        public IReadOnlyList<PairIdentity> Of(string programId) => Programs.TryGetValue(programId, out var pairs) ? pairs : [];
    }
}
