using Mentoring.Application.Links;
using Mentoring.Application.Storage;

namespace Mentoring.Tests.Links;

/// <summary>A time typed on the booking page without an offset is the reader's wall-clock time, read as calendars read it.</summary>
public sealed class BookingStartTests
{
    private static readonly TimeZoneInfo Berlin = Zones.Resolve("Europe/Berlin");

    [Fact]
    public void WallTime_ThatOccursTwice_TakesItsFirstOccurrence()
    {
        // 2026-10-25 02:30 happens twice in Berlin: first at +02:00 (00:30 UTC), then at +01:00 (01:30 UTC).
        var start = BookingHandler.ParseStart("2026-10-25T02:30", Berlin, new DateTimeOffset(2026, 10, 20, 9, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), start);
    }

    [Fact]
    public void WallTime_TheSpringChangeSkips_MovesPastTheJump()
    {
        // 2026-03-29 02:30 does not exist in Berlin: it is read as 03:30 CEST (01:30 UTC).
        var start = BookingHandler.ParseStart("2026-03-29T02:30", Berlin, new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), start);
    }

    [Fact]
    public void WallTime_OnAnOrdinaryDay_UsesThatDaysOffset()
    {
        var start = BookingHandler.ParseStart("2026-07-01T10:00", Berlin, new DateTimeOffset(2026, 6, 20, 9, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 7, 1, 8, 0, 0, TimeSpan.Zero), start);
    }
}
