using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Mentoring.IngestBench;

/// <summary>
/// Cal.com BOOKING_CREATED deliveries in the documented shape, each a new booking (its own uid) between the seeded
/// mentor and mentee, signed as Cal.com signs: <c>X-Cal-Signature-256</c> = hex HMAC-SHA256(secret, raw body).
/// </summary>
internal static class CalComDeliveries
{
    public const string Secret = "ingest-bench-calcom-secret";
    public const string SignatureHeader = "X-Cal-Signature-256";

    public static (byte[] Body, string Signature) Create(string runId, int n, string mentorEmail, string menteeEmail, DateTimeOffset now)
    {
        var uid = string.Create(CultureInfo.InvariantCulture, $"bench-{runId}-{n:D7}");
        var start = now.AddDays(1 + (n % 20)).AddMinutes(n % 600);
        var json = $$$"""
            {"triggerEvent":"BOOKING_CREATED","createdAt":"{{{Iso(now)}}}","payload":{"type":"mentoring-45",
            "title":"Mentoring session","description":"","additionalNotes":"","customInputs":{},
            "startTime":"{{{Iso(start)}}}","endTime":"{{{Iso(start.AddMinutes(45))}}}",
            "organizer":{"id":5,"name":"Mentor","email":"{{{mentorEmail}}}","username":"mentor","timeZone":"Europe/Amsterdam","language":{"locale":"en"},"timeFormat":"h:mma","utcOffset":60},
            "responses":{"name":{"label":"your_name","value":"Mentee"},"email":{"label":"email_address","value":"{{{menteeEmail}}}"}},
            "userFieldsResponses":{},"attendees":[{"email":"{{{menteeEmail}}}","name":"Mentee","timeZone":"Europe/London","language":{"locale":"en"},"utcOffset":0}],
            "location":"integrations:daily","destinationCalendar":null,"hideCalendarNotes":false,"requiresConfirmation":false,"eventTypeId":12,
            "seatsShowAttendees":true,"seatsPerTimeSlot":null,"uid":"{{{uid}}}","iCalUID":"{{{uid}}}@Cal.com","conferenceData":null,"appsStatus":[],
            "eventTitle":"Mentoring 45","eventDescription":null,"price":0,"currency":"usd","length":45,"bookingId":{{{n}}},
            "metadata":{"videoCallUrl":"https://app.cal.com/video/{{{uid}}}"},"status":"ACCEPTED"}}
            """;
        var body = Encoding.UTF8.GetBytes(json);
        return (body, Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), body)));
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
