namespace Mentoring.Application.Auth;

/// <summary>Who is calling the admin API: an id for logs, whether they may write, and the programs they may see.</summary>
/// <param name="Id">A key id or the principal's object id (never a name or an address).</param>
/// <param name="CanWrite">Read-write (an admin) or read-only (a reader).</param>
/// <param name="Programs">The programs the caller may see; null for every program.</param>
internal sealed record Caller(string Id, bool CanWrite, IReadOnlySet<string>? Programs)
{
    public bool AllPrograms => Programs is null;

    public bool CanSee(string programId) => Programs is null || Programs.Contains(programId);

    /// <summary>Whether this caller may grant access to these programs (never more than it has itself).</summary>
    public bool Covers(IReadOnlyCollection<string>? programs) => AllPrograms || (programs is not null && programs.All(CanSee));
}
