namespace Mentoring.Application.Ingest.Ics;

/// <summary>How to turn a parsed calendar into one pair's ledger.</summary>
/// <param name="Horizon">Series are expanded up to this instant (the caller's as-of plus one cadence).</param>
/// <param name="MentorEmail">The mentor's address: an ORGANIZER that matches it made the change (case-insensitive).</param>
/// <param name="MenteeEmail">The mentee's address, likewise.</param>
/// <param name="From">Series are expanded from this instant (the pair's period); null for as far back as the
/// occurrence limit reaches from the horizon. What lies before is reported in <see cref="IcsLedger.Notes"/>.</param>
public sealed record IcsLedgerOptions(DateTimeOffset Horizon, string? MentorEmail = null, string? MenteeEmail = null, DateTimeOffset? From = null);
