namespace Mentoring.Application.Ingest.Ics;

/// <summary>The meetings one UID stands for while the reader works: a series' occurrences by slot, or a single event.</summary>
internal sealed class UidMeetings(string uid, EventVersion? series, IReadOnlyList<EventVersion> placedMasters)
{
    public string Uid { get; } = uid;

    /// <summary>The master in force (the last not cancelled, else the last), if the file has one with a start.</summary>
    public EventVersion? Series { get; } = series;

    public SortedDictionary<DateTimeOffset, IcsOccurrence> Occurrences { get; } = [];

    public IcsOccurrence? Single { get; set; }

    /// <summary>
    /// The meeting an override's RECURRENCE-ID names: the slot at that instant; else, as producers write it, the
    /// all-day instance on the day written (Exchange writes midnight in its own zone), or the instance at that
    /// wall-clock time when the RECURRENCE-ID is floating; for a single event, the event if it names its start.
    /// </summary>
    public IcsOccurrence? Find(EventVersion version)
    {
        var slot = version.RecurrenceSlot!.Value;
        if (Occurrences.TryGetValue(slot, out var exact))
            return exact;
        if (Single is not null)
            return placedMasters.Any(m => m.Start == slot) ? Single : null;
        if (Series is not { IsRecurring: true } series || version.RecurrenceWritten is not { } written)
            return null;

        var zone = series.StartZone;
        var matches = Occurrences.Values.Where(o => Names(written, slot, IcsZones.ToWall(o.Slot!.Value, zone), series.StartIsDate, zone)).Take(2).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    private static bool Names(WrittenTime written, DateTimeOffset instant, DateTime slotWall, bool allDay, TimeZoneInfo zone)
    {
        if (allDay || written.IsDate)
        {
            var day = written.IsUtc ? DateOnly.FromDateTime(IcsZones.ToWall(instant, zone).AddHours(12)) : DateOnly.FromDateTime(written.Wall);
            return DateOnly.FromDateTime(slotWall) == day;
        }

        return written.IsFloating && slotWall == written.Wall;
    }
}
