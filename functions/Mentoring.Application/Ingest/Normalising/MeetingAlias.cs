namespace Mentoring.Application.Ingest.Normalising;

/// <summary>
/// "Later events about <paramref name="Key"/> belong to meeting <paramref name="MeetingId"/>": written by the caller
/// (insert-if-absent) and handed back to the normalisers as a lookup. Used where a provider gives a moved meeting a new
/// id (Cal.com's new booking uid, Calendly's new invitee) and to link a Zoom meeting to the calendar meeting it serves.
/// A Zoom link carries the booked slot (<paramref name="Start"/>, <paramref name="End"/>): one Zoom meeting id serves
/// every booking made on a personal link or a recurring Zoom meeting, and its <c>meeting.ended</c> belongs to the booking
/// nearest in time (<see cref="ZoomUse"/>), not to the first one that used the id.
/// </summary>
public sealed record MeetingAlias(string Key, string MeetingId, DateTimeOffset? Start = null, DateTimeOffset? End = null);

/// <summary>One booking that uses a Zoom meeting id, at its booked slot.</summary>
public sealed record ZoomUse(string MeetingId, DateTimeOffset Start, DateTimeOffset? End);
