using Mentoring.Engine.Campaign;

namespace Mentoring.Engine.Tests.Campaign;

public sealed class MeetingDayTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    // Monday 7 December 2026, 10:00 in Berlin (09:00 UTC).
    private static readonly DateTimeOffset MondayTen = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ReminderDeferredOutOfSunday_ArrivingMondayMorning_IsToday()
    {
        Assert.Equal(MeetingDay.Today, MeetingDay.Of(MondayTen, new DateTimeOffset(2026, 12, 7, 7, 0, 0, TimeSpan.Zero), Berlin));
    }

    [Fact]
    public void ReminderSentTheDayBefore_IsTomorrow()
    {
        Assert.Equal(MeetingDay.Tomorrow, MeetingDay.Of(MondayTen, new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero), Berlin));
    }

    [Fact]
    public void TheReadersZone_DecidesTheDay()
    {
        // Sunday 23:30 UTC is already Monday 00:30 in Berlin.
        var sent = new DateTimeOffset(2026, 12, 6, 23, 30, 0, TimeSpan.Zero);
        Assert.Equal(MeetingDay.Today, MeetingDay.Of(MondayTen, sent, Berlin));
        Assert.Equal(MeetingDay.Tomorrow, MeetingDay.Of(MondayTen, sent, TimeZoneInfo.Utc));
    }

    [Fact]
    public void TwoDaysAhead_IsLater()
    {
        Assert.Equal(MeetingDay.Later, MeetingDay.Of(MondayTen, MondayTen - TimeSpan.FromDays(2), Berlin));
    }
}
