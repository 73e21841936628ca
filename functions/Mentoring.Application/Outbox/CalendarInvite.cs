namespace Mentoring.Application.Outbox;

/// <summary>
/// An iCalendar object an email carries twice, as calendar clients expect (RFC 6047): a <c>text/calendar;
/// method=…</c> body part beside the text and HTML, and the same text as an <c>.ics</c> attachment.
/// </summary>
/// <param name="Method">The iTIP method (REQUEST, CANCEL); it must match the object's METHOD property.</param>
/// <param name="Ics">The whole VCALENDAR, CRLF line ends.</param>
/// <param name="FileName">The attachment's name.</param>
public sealed record CalendarInvite(string Method, string Ics, string FileName = "invite.ics")
{
    /// <summary>The attachment's media type: one SendGrid accepts (no parameters there) and mail clients open.</summary>
    public const string AttachmentType = "application/ics";

    /// <summary>The body part's media type with its method, e.g. <c>text/calendar; method=REQUEST</c>.</summary>
    public string PartType => "text/calendar; method=" + Method;
}
