using Mentoring.Engine.Ledger;

namespace Mentoring.Application.Ingest.Normalising;

/// <summary>
/// One change a provider reported, before it is matched to a pair: the ledger change plus what matching needs
/// (participants' addresses, subject, series link). Addresses stay in memory: they are never logged or stored.
/// </summary>
/// <param name="Source">The provider (<see cref="Webhooks.CalendarProviders"/>).</param>
/// <param name="ChangeId">Stable per change: a duplicate or late delivery yields the same id.</param>
/// <param name="MeetingId">The meeting (occurrence) identity, after aliases.</param>
/// <param name="Kind">What happened.</param>
/// <param name="ChangedAt">When the provider says it happened (never when we learnt of it).</param>
/// <param name="Start">Start after the change.</param>
/// <param name="End">End after the change.</param>
/// <param name="PreviousStart">For moves: where it was, if the provider says.</param>
/// <param name="ChangedByEmail">Who made the change (organizer, canceler, the absent person for a no-show), if known.</param>
/// <param name="Reason">Cancellation reason, if given.</param>
/// <param name="Participants">Organizer and attendees' addresses.</param>
/// <param name="Subject">The meeting's title (for a program tag such as <c>[mentoring:pair-42]</c>).</param>
/// <param name="SeriesKey">A provider key an admin can link to a pair (series, Zoom meeting id), if any.</param>
/// <param name="Removal">For a cancellation: the provider only says the event was deleted (see <see cref="LedgerChange.Removal"/>).</param>
public sealed record CalendarObservation(
    string Source,
    string ChangeId,
    string MeetingId,
    ChangeKind Kind,
    DateTimeOffset ChangedAt,
    DateTimeOffset? Start,
    DateTimeOffset? End,
    DateTimeOffset? PreviousStart,
    string? ChangedByEmail,
    string? Reason,
    IReadOnlyList<string> Participants,
    string? Subject,
    string? SeriesKey,
    bool Removal = false)
{
    public LedgerChange ToLedgerChange(Party? changedBy) =>
        new(ChangeId, MeetingId, Kind, ChangedAt, Start, End, PreviousStart, changedBy, Reason, Source, Removal: Removal);
}
