using Mentoring.Engine.Ledger;

namespace Mentoring.Engine.Pairs;

/// <summary>One side of a pair, as far as the engine needs to know it (ids, never addresses).</summary>
/// <param name="Id">The participant's id.</param>
/// <param name="Role">Mentor or mentee.</param>
/// <param name="TimeZone">The participant's zone, resolved by the caller from an IANA id.</param>
/// <param name="AllowsManagerNotes">Whether the participant agreed that their manager may be written to.</param>
/// <param name="Suppressed">Whether the participant unsubscribed or bounced: they get no engine email.</param>
public sealed record Participant(
    string Id,
    Party Role,
    TimeZoneInfo TimeZone,
    bool AllowsManagerNotes = false,
    bool Suppressed = false);
