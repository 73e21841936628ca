namespace Mentoring.Engine.Campaign;

/// <summary>
/// How a reminder names its meeting's day: counted from the instant the email is actually sent (a reminder deferred out
/// of quiet hours may arrive on the meeting's own day), in the reader's zone.
/// </summary>
public static class MeetingDay
{
    public const string Today = "today";
    public const string Tomorrow = "tomorrow";
    public const string Later = "later";

    /// <summary><see cref="Today"/>, <see cref="Tomorrow"/> or <see cref="Later"/>; a meeting already begun is today's.</summary>
    public static string Of(DateTimeOffset meetingStart, DateTimeOffset sentAt, TimeZoneInfo zone)
    {
        var meetingDay = TimeZoneInfo.ConvertTime(meetingStart, zone).Date;
        var sendDay = TimeZoneInfo.ConvertTime(sentAt, zone).Date;
        var days = (meetingDay - sendDay).Days;
        return days <= 0 ? Today : days == 1 ? Tomorrow : Later;
    }
}
