namespace Mentoring.Application.Calendars.Ics;

/// <summary>A series' EXDATEs as sets: whether a slot is excluded costs the same for one EXDATE or ten thousand.</summary>
internal sealed class ExcludedSlots(EventVersion series)
{
    private readonly HashSet<DateTimeOffset> _instants = [.. series.ExcludedDates.Where(x => x.Instant is not null).Select(x => x.Instant!.Value)];
    private readonly HashSet<DateOnly> _days = [.. series.ExcludedDates.Where(x => x.Day is not null).Select(x => x.Day!.Value)];

    /// <summary>An EXDATE names the slot's instant, or (VALUE=DATE) its day in the series' zone.</summary>
    public bool Contains(DateTimeOffset slot) =>
        _instants.Contains(slot) || (_days.Count > 0 && _days.Contains(DateOnly.FromDateTime(IcsZones.ToWall(slot, series.StartZone))));
}
