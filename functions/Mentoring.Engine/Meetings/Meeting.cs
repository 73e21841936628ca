using Mentoring.Engine.Ledger;

namespace Mentoring.Engine.Meetings;

/// <summary>One meeting as the ledger says it stands at a given instant.</summary>
/// <param name="Id">The meeting (occurrence) id.</param>
/// <param name="OriginalStart">Where it was first booked.</param>
/// <param name="Start">Where it stands now.</param>
/// <param name="End">Its end.</param>
/// <param name="Status">Its status at the instant of evaluation.</param>
/// <param name="HeldConfirmed">For held meetings: confirmed by a provider or check-in (otherwise presumed).</param>
/// <param name="TimesMoved">How many times it was moved (earlier or later).</param>
/// <param name="Postponements">How many of those moves were to a later time.</param>
/// <param name="CancelledAt">When it was cancelled, if it was.</param>
/// <param name="CancelledBy">Who cancelled it, where known.</param>
/// <param name="CancellationReason">Why, where known.</param>
public sealed record Meeting(
    string Id,
    DateTimeOffset OriginalStart,
    DateTimeOffset Start,
    DateTimeOffset End,
    MeetingStatus Status,
    bool HeldConfirmed,
    int TimesMoved,
    int Postponements,
    DateTimeOffset? CancelledAt,
    Party? CancelledBy,
    string? CancellationReason);
