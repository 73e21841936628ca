using System.Globalization;
using Mentoring.Engine.Time;

namespace Mentoring.Engine.Tests.Time;

public sealed class WallClockTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Theory]
    [InlineData("2026-03-12T10:00", "2026-03-12T09:00Z")] // winter, +01:00
    [InlineData("2026-07-12T10:00", "2026-07-12T08:00Z")] // summer, +02:00
    [InlineData("2026-03-29T02:30", "2026-03-29T01:30Z")] // skipped by the spring jump: moves forward to 03:30 (+02:00)
    [InlineData("2026-03-29T02:00", "2026-03-29T01:00Z")] // the first skipped minute: 03:00
    [InlineData("2026-10-25T02:30", "2026-10-25T00:30Z")] // occurs twice: the first (+02:00)
    [InlineData("2026-10-25T03:00", "2026-10-25T02:00Z")] // just after the repeat
    public void ToInstant_Berlin(string wall, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture), WallClock.ToInstant(DateTime.Parse(wall, CultureInfo.InvariantCulture), Berlin));

    [Theory]
    [InlineData("2026-03-08T02:15", "2026-03-08T07:15Z")] // skipped: 03:15 EDT
    [InlineData("2026-11-01T01:30", "2026-11-01T05:30Z")] // twice: the first, EDT
    public void ToInstant_NewYork(string wall, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture), WallClock.ToInstant(DateTime.Parse(wall, CultureInfo.InvariantCulture), NewYork));

    [Fact]
    public void ToInstant_DayAndTime_SameRules() =>
        Assert.Equal(
            WallClock.ToInstant(new DateTime(2026, 3, 29, 2, 30, 0), Berlin),
            WallClock.ToInstant(new DateOnly(2026, 3, 29), new TimeOnly(2, 30), Berlin));

    [Fact]
    public void ToInstant_AnyKindOfDateTime_ReadAsWallClock() =>
        Assert.Equal(
            DateTimeOffset.Parse("2026-07-12T08:00Z", CultureInfo.InvariantCulture),
            WallClock.ToInstant(new DateTime(2026, 7, 12, 10, 0, 0, DateTimeKind.Utc), Berlin));
}
