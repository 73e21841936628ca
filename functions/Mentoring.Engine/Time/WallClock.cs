namespace Mentoring.Engine.Time;

/// <summary>
/// Wall-clock times in a zone as instants: the one conversion every reader of local times uses (calendars, links, the
/// send window), so that daylight-saving jumps are handled alike everywhere.
/// </summary>
public static class WallClock
{
    /// <summary>
    /// A wall-clock time in a zone as an instant (UTC). A time skipped by a daylight-saving jump moves forward by the
    /// jump (02:30 on a spring-forward night is 03:30); a time that occurs twice takes its first occurrence, as RFC 5545
    /// (3.3.5) has calendars do.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The instant falls outside the years <see cref="DateTimeOffset"/> holds.</exception>
    public static DateTimeOffset ToInstant(DateTime wall, TimeZoneInfo zone)
    {
        wall = DateTime.SpecifyKind(wall, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (zone.IsInvalidTime(wall))
            offset = zone.GetUtcOffset(wall.AddHours(-12)); // the offset before the jump carries the time past it
        else if (zone.IsAmbiguousTime(wall))
            offset = zone.GetAmbiguousTimeOffsets(wall).Max(); // the larger offset is the earlier instant
        else
            offset = zone.GetUtcOffset(wall);
        return new DateTimeOffset(wall, offset).ToUniversalTime();
    }

    /// <summary>A day's time in a zone as an instant, by the same rules.</summary>
    public static DateTimeOffset ToInstant(DateOnly day, TimeOnly time, TimeZoneInfo zone) =>
        ToInstant(day.ToDateTime(time, DateTimeKind.Unspecified), zone);
}
