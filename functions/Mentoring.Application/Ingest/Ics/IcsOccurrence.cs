namespace Mentoring.Application.Ingest.Ics;

/// <summary>The reader's working state of one meeting (an occurrence of a series, or a single event).</summary>
internal sealed class IcsOccurrence(string uid, DateTimeOffset? slot, DateTimeOffset start, TimeSpan? length)
{
    public string MeetingId { get; } = IcsIds.Meeting(uid, slot);

    /// <summary>The original slot (null for a single event).</summary>
    public DateTimeOffset? Slot { get; } = slot;

    public DateTimeOffset Start { get; set; } = start;

    public TimeSpan? Length { get; set; } = length;

    public bool Cancelled { get; set; }

    /// <summary>Whether any change has been written for it yet.</summary>
    public bool Written => Steps > 0;

    /// <summary>Changes written so far; numbers the next one.</summary>
    public int Steps { get; set; }

    /// <summary>The latest change time written: a later change is never dated before it.</summary>
    public DateTimeOffset LastAt { get; set; } = DateTimeOffset.MinValue;

    public DateTimeOffset EndOr(TimeSpan fallback) => Start + (Length ?? fallback);
}
