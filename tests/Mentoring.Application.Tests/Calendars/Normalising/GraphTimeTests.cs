using System.Globalization;
using Mentoring.Application.Ingest.Graph;
using Microsoft.Graph.Models;

namespace Mentoring.Tests.Calendars.Normalising;

/// <summary>Graph's dateTimeTimeZone read as the calendar that wrote it means it, daylight-saving nights included.</summary>
public sealed class GraphTimeTests
{
    [Theory]
    [InlineData("2026-10-25T02:30:00.0000000", "W. Europe Standard Time", "2026-10-25T00:30:00Z")] // twice that night: the first
    [InlineData("2026-03-29T02:30:00.0000000", "W. Europe Standard Time", "2026-03-29T01:30:00Z")] // skipped: 03:30
    [InlineData("2026-11-01T01:30:00.0000000", "Eastern Standard Time", "2026-11-01T05:30:00Z")] // twice: the first, EDT
    [InlineData("2026-06-01T10:00:00.0000000", "Europe/Berlin", "2026-06-01T08:00:00Z")]
    [InlineData("2026-06-01T10:00:00.0000000", "UTC", "2026-06-01T10:00:00Z")]
    public void ToInstant_LocalTimeInItsZone(string dateTime, string zone, string expected) =>
        Assert.Equal(
            DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture),
            GraphEventNormaliser.ToInstant(new DateTimeTimeZone { DateTime = dateTime, TimeZone = zone }));
}
