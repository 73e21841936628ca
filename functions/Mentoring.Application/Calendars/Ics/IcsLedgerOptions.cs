namespace Mentoring.Application.Calendars.Ics;

/// <summary>How to turn a parsed calendar into one pair's ledger.</summary>
/// <param name="Horizon">Series are expanded up to this instant (the caller's as-of plus one cadence).</param>
/// <param name="MentorEmail">The mentor's address: an ORGANIZER that matches it made the change (case-insensitive).</param>
/// <param name="MenteeEmail">The mentee's address, likewise.</param>
public sealed record IcsLedgerOptions(DateTimeOffset Horizon, string? MentorEmail = null, string? MenteeEmail = null);
