namespace Mentoring.Engine.Ledger;

/// <summary>Which sources of a change are a person's own word rather than a provider's report.</summary>
public static class ChangeSources
{
    /// <summary>An admin's meeting log.</summary>
    public const string Admin = "admin";

    /// <summary>A participant's check-in answer.</summary>
    public const string CheckIn = "checkin";

    /// <summary>A booking made, moved or cancelled through a booking link (the invitation the program sent).</summary>
    public const string Booking = "booking";

    /// <summary>An admin's log of a meeting's outcome: the explicit human record, final against every other source.</summary>
    public static bool IsAdmin(string? source) => string.Equals(source, Admin, StringComparison.Ordinal);

    /// <summary>Whether a person recorded the change themselves (an admin's log, a check-in).</summary>
    public static bool IsPerson(string? source) =>
        string.Equals(source, Admin, StringComparison.Ordinal) || string.Equals(source, CheckIn, StringComparison.Ordinal);
}
