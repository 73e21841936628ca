namespace Mentoring.Engine.Ledger;

/// <summary>
/// One normalised change to one meeting of a pair.
/// </summary>
/// <param name="ChangeId">Stable id of this change (from the source), used to drop duplicate deliveries.</param>
/// <param name="MeetingId">Identity of the meeting (for a recurring series: the occurrence, e.g. series id + original start).</param>
/// <param name="Kind">What happened.</param>
/// <param name="ChangedAt">
/// When the change was made (not when we learnt of it). When <paramref name="ChangedAtUnknown"/>, only an upper bound:
/// the change was made at or before this instant (when a snapshot was last modified, when an admin recorded it).
/// </param>
/// <param name="Start">The meeting's start after this change (Scheduled, Rescheduled; optional otherwise).</param>
/// <param name="End">The meeting's end after this change.</param>
/// <param name="PreviousStart">For Rescheduled: the start it was moved from, if the source says.</param>
/// <param name="ChangedBy">Which participant made the change, where known.</param>
/// <param name="Reason">A cancellation or postponement reason, where known.</param>
/// <param name="Source">The source that reported it (ics, calcom, graph, checkin, admin, …: <see cref="ChangeSources"/>).</param>
/// <param name="ChangedAtUnknown">
/// The source does not say when the change was made: <paramref name="ChangedAt"/> is when it was recorded. The fold
/// still reads the change in that order, but no rule that needs the time (a late change) fires on it.
/// </param>
/// <param name="Removal">
/// For Cancelled: the event only disappeared from a live calendar (deleted), which does not say the meeting was
/// cancelled. After the meeting's end that reads as housekeeping. An explicit cancellation (false: STATUS:CANCELLED,
/// EXDATE, an iTIP CANCEL, a provider's cancel event, a check-in, an admin's log) counts whenever it was recorded.
/// </param>
public sealed record LedgerChange(
    string ChangeId,
    string MeetingId,
    ChangeKind Kind,
    DateTimeOffset ChangedAt,
    DateTimeOffset? Start = null,
    DateTimeOffset? End = null,
    DateTimeOffset? PreviousStart = null,
    Party? ChangedBy = null,
    string? Reason = null,
    string Source = "unknown",
    bool ChangedAtUnknown = false,
    bool Removal = false);
