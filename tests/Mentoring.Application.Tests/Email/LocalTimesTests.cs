using System.Globalization;
using Mentoring.Application.Outbox.Rendering;
using Mentoring.Engine.Messages;

namespace Mentoring.Tests.Email;

public sealed class LocalTimesTests
{
    private static readonly DateTimeOffset Instant = new(2026, 3, 3, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("en-GB", "Europe/Berlin", "Tuesday 3 March, 10:00 (Europe/Berlin)")]
    [InlineData("en-GB", "Europe/London", "Tuesday 3 March, 09:00 (Europe/London)")]
    [InlineData("en-US", "America/New_York", "Tuesday, March 3, 4:00 AM (America/New_York)")]
    [InlineData("de-DE", "Europe/Berlin", "Dienstag, 3. März, 10:00 (Europe/Berlin)")]
    [InlineData("en-GB", "Asia/Tokyo", "Tuesday 3 March, 18:00 (Asia/Tokyo)")]
    public void DateTime_CultureAndZone_LocalWallClockWithZoneNamed(string culture, string zone, string expected)
    {
        var text = LocalTimes.DateTime(Instant, zone, CultureInfo.GetCultureInfo(culture));

        Assert.Equal(expected, text.Replace('\u202f', ' '));
    }

    [Fact]
    public void DateTime_AcrossTheSummerTimeChange_UsesTheZonesOffsetOnThatDay()
    {
        var summer = new DateTimeOffset(2026, 7, 7, 9, 0, 0, TimeSpan.Zero);

        Assert.Equal("Tuesday 7 July, 11:00 (Europe/Berlin)", LocalTimes.DateTime(summer, "Europe/Berlin", LocalTimes.Culture("en-GB")));
    }

    [Fact]
    public void Date_DayMonthYear_NoZoneNeeded()
    {
        var late = new DateTimeOffset(2026, 3, 2, 23, 30, 0, TimeSpan.Zero);

        Assert.Equal("Tuesday 3 March 2026", LocalTimes.Date(late, "Europe/Berlin", LocalTimes.Culture("en-GB")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("xx-NOPE")]
    public void Culture_MissingOrUnknown_DefaultsToEnGb(string? name)
    {
        Assert.Equal("en-GB", LocalTimes.Culture(name).Name);
    }

    [Fact]
    public void Render_ReminderForRecipientInNewYork_TimeInTheirZoneAndCulture()
    {
        var content = EmailRenderer.Render(Samples.For(TemplateIds.PreMeetingReminder, "en-US", "America/New_York"));

        Assert.Contains("Tuesday, March 3, 4:00", content.Text.Replace('\u202f', ' '), StringComparison.Ordinal);
        Assert.Contains("(America/New_York)", content.Text, StringComparison.Ordinal);
        Assert.Contains("4:00", content.Subject.Replace('\u202f', ' '), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ReminderForRecipientInBerlin_DefaultCultureTimeWithZone()
    {
        var content = EmailRenderer.Render(Samples.For(TemplateIds.PreMeetingReminder));

        Assert.Equal("Tomorrow, 10:00: mentoring with Priya", content.Subject);
        Assert.Contains("Tuesday 3 March, 10:00 (Europe/Berlin)", content.Html, StringComparison.Ordinal);
    }
}
