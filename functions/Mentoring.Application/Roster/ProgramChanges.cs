using System.Collections.Concurrent;

namespace Mentoring.Application.Roster;

/// <summary>
/// A counter per program, bumped by every write this process makes to a program's row, cycles or participants, so that
/// what was cached about the program before the write is not used after it.
/// </summary>
internal sealed class ProgramChanges
{
    private readonly ConcurrentDictionary<string, long> _versions = new(StringComparer.Ordinal);

    public long VersionOf(string programId) => _versions.GetValueOrDefault(programId);

    public void Touch(string programId) => _versions.AddOrUpdate(programId, 1, (_, version) => version + 1);
}
