namespace Mentoring.Application.Calendars.Normalising;

/// <summary>
/// "Later events about <paramref name="Key"/> belong to meeting <paramref name="MeetingId"/>": written by the caller
/// (insert-if-absent) and handed back to the normalisers as a lookup. Used where a provider gives a moved meeting a new
/// id (Cal.com's new booking uid, Calendly's new invitee) and to link a Zoom meeting to the calendar meeting it serves.
/// </summary>
public sealed record MeetingAlias(string Key, string MeetingId);
