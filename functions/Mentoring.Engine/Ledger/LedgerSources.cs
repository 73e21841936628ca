namespace Mentoring.Engine.Ledger;

/// <summary>The sources whose records the engine weighs differently from a calendar's.</summary>
public static class LedgerSources
{
    /// <summary>An admin's log of a meeting's outcome: the explicit human record, final against every other source.</summary>
    public const string Admin = "admin";

    /// <summary>A participant's check-in ("we met", "we postponed", "we'll meet on …").</summary>
    public const string CheckIn = "checkin";

    public static bool IsAdmin(LedgerChange change) => string.Equals(change.Source, Admin, StringComparison.Ordinal);
}
