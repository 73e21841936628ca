using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Mentoring.Engine.Ledger;
using Mentoring.Engine.Meetings;

namespace Mentoring.Engine.Booking;

/// <summary>
/// The identity of a meeting booked through a booking link: its iCalendar UID is its ledger meeting id, so an invitation
/// a connected calendar later reports (same UID) is the same meeting, never a second one. The UID names the pair by a
/// hash of program and pair ids (no id or name leaves in clear), the first booked slot and a nonce from the link.
/// </summary>
public static class BookingIds
{
    public const string Domain = "booking.mentoring-engine";

    private const string Prefix = "mentoring-";

    /// <summary>The UID of a new booking: "mentoring-{pair hash}-{first start, UTC}-{nonce}@booking.mentoring-engine".</summary>
    public static string Uid(string programId, string pairId, DateTimeOffset firstStart, string nonce) =>
        string.Create(CultureInfo.InvariantCulture, $"{PairPrefix(programId, pairId)}{firstStart.UtcDateTime:yyyyMMdd'T'HHmm'Z'}-{Clean(nonce)}@{Domain}");

    /// <summary>Whether the meeting id is a booking of this pair.</summary>
    public static bool IsBookingOf(string meetingId, string programId, string pairId) =>
        meetingId.StartsWith(PairPrefix(programId, pairId), StringComparison.Ordinal) && meetingId.EndsWith("@" + Domain, StringComparison.Ordinal);

    /// <summary>
    /// Whether a calendar event's iCalendar UID (Graph <c>iCalUId</c>, Google <c>iCalUID</c>) is one of our bookings: then
    /// the event is the invitation we sent, and the UID is its meeting's ledger id.
    /// </summary>
    public static bool IsBooking(string? uid) =>
        uid is { Length: <= 256 } && uid.StartsWith(Prefix, StringComparison.Ordinal) && uid.EndsWith("@" + Domain, StringComparison.Ordinal);

    /// <summary>
    /// The ledger change id of the pair's next new booking: the pair and how many meetings it has booked before, not the new
    /// UID. Two bookings made at once for one pair (both people on the page, a double submit) get the same id, so the
    /// ledger, insert-if-absent, keeps one of them: never two meetings. The "!" sorts it before the meeting's later
    /// changes ("booking/{uid}/s1", …): changes made at the same instant are ordered by id, and the booking comes first.
    /// </summary>
    public static string NewBookingChangeId(IEnumerable<LedgerChange> ledger, string programId, string pairId)
    {
        var booked = ledger.Where(c => c.Source == ChangeSources.Booking && IsBookingOf(c.MeetingId, programId, pairId))
            .Select(c => c.MeetingId).Distinct(StringComparer.Ordinal).Count();
        return string.Create(CultureInfo.InvariantCulture, $"booking/{PairPrefix(programId, pairId)}!new-{booked}");
    }

    /// <summary>The marker the invitation's description carries, which ties a calendar event to its pair.</summary>
    public static string Marker(string pairId) => "[mentoring:" + pairId + "]";

    /// <summary>The pair's booked meeting still ahead (the latest booked, if several), which the booking page moves or cancels.</summary>
    public static Meeting? Upcoming(IEnumerable<Meeting> meetings, string programId, string pairId, DateTimeOffset now) =>
        meetings.Where(m => m.Status == MeetingStatus.Scheduled && m.Start > now && IsBookingOf(m.Id, programId, pairId))
            .MaxBy(m => m.OriginalStart);

    /// <summary>
    /// The iCalendar SEQUENCE of the next invitation for this meeting: how many booking changes it already has, less one
    /// (the first invitation is 0, each move or cancellation one more).
    /// </summary>
    public static int NextSequence(IEnumerable<LedgerChange> ledger, string meetingId) =>
        ledger.Count(c => c.MeetingId == meetingId && c.Source == ChangeSources.Booking);

    private static string PairPrefix(string programId, string pairId) =>
        Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(programId + "\n" + pairId)))[..16] + "-";

    private static string Clean(string nonce)
    {
        var kept = new string([.. nonce.Where(char.IsAsciiLetterOrDigit)]);
        return kept.Length > 16 ? kept[..16] : kept;
    }
}
