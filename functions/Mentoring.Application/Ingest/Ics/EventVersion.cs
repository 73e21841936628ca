using Ical.Net.DataTypes;

namespace Mentoring.Application.Ingest.Ics;

/// <summary>
/// One VEVENT as one version of a meeting or series: a file may hold several per UID (iTIP updates, cancels, overrides).
/// </summary>
internal sealed record EventVersion
{
    /// <summary>Timestamps before this are placeholders, not times anyone booked anything (vCalendar 1.0 is from 1996).</summary>
    private static readonly DateTimeOffset CredibleSince = new(1996, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Position among the file's VEVENTs (the last tie-break).</summary>
    public required int Index { get; init; }

    public required int Line { get; init; }

    public required string Uid { get; init; }

    /// <summary>The original slot this version overrides (RECURRENCE-ID), as an instant; null for a master or single event.</summary>
    public DateTimeOffset? RecurrenceSlot { get; init; }

    /// <summary>The RECURRENCE-ID as written (wall-clock time and kind), to match it to a slot when the instants differ.</summary>
    public WrittenTime? RecurrenceWritten { get; init; }

    /// <summary>RECURRENCE-ID;RANGE=THISANDFUTURE: the override applies to this and every later occurrence.</summary>
    public bool ThisAndFuture { get; init; }

    /// <summary>The start; meaningless when <see cref="StartKnown"/> is false.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>False for an iTIP CANCEL that names its event by UID only (RFC 5546 3.2.5 does not require DTSTART).</summary>
    public bool StartKnown { get; init; } = true;

    /// <summary>The start's wall-clock time and zone, for expanding a series (RRULE works in local time).</summary>
    public required DateTime StartWall { get; init; }

    public required TimeZoneInfo StartZone { get; init; }

    /// <summary>The TZID the start was written in, if any (a hint for the participants' zone).</summary>
    public string? StartZoneId { get; init; }

    public bool StartIsDate { get; init; }

    public TimeSpan? Length { get; init; }

    /// <summary>SEQUENCE, if the component carries one.</summary>
    public int? Sequence { get; init; }

    /// <summary>DTSTAMP, if the component carries one.</summary>
    public DateTimeOffset? Stamp { get; init; }

    public DateTimeOffset? Created { get; init; }

    public DateTimeOffset? LastModified { get; init; }

    /// <summary>
    /// From an iTIP message (a METHOD other than PUBLISH): its DTSTAMP is when the organizer sent the change (RFC 5546
    /// 2.1.5), so what the version changes has a known time; in an export or feed DTSTAMP is the export's.
    /// </summary>
    public bool IsMessage { get; init; }

    /// <summary>STATUS:CANCELLED, or a component of a METHOD:CANCEL message.</summary>
    public bool Cancelled { get; init; }

    public string? OrganizerEmail { get; init; }

    /// <summary>The RRULE, if any.</summary>
    public RecurrenceRule? Rule { get; init; }

    /// <summary>The RRULE as written: a rule is copied by reading it again (Ical.Net writes a rule it did not load from a calendar as an empty string).</summary>
    public string? RuleText { get; init; }

    /// <summary>RDATE values, as instants.</summary>
    public IReadOnlyList<DateTimeOffset> ExtraDates { get; init; } = [];

    /// <summary>EXDATE values: instants, or (for VALUE=DATE) whole days in the start's zone.</summary>
    public IReadOnlyList<ExcludedDate> ExcludedDates { get; init; } = [];

    public bool IsRecurring => Rule is not null || ExtraDates.Count > 0;

    /// <summary>When this version was made: LAST-MODIFIED, else DTSTAMP, else CREATED.</summary>
    public DateTimeOffset? ModifiedAt => LastModified ?? Stamp ?? Created;

    /// <summary>
    /// When the meeting or series was first booked: the earliest credible of CREATED, LAST-MODIFIED and DTSTAMP. In an
    /// export DTSTAMP is the export time, so it is a bound, not the booking time; a placeholder CREATED from before
    /// iCalendar existed (Google writes 19000101T120000Z for imported events) is not credible.
    /// </summary>
    public DateTimeOffset? CreatedAt =>
        new[] { Created, LastModified, Stamp }.Where(t => t >= CredibleSince).Min() ?? Created ?? Stamp ?? LastModified;

    /// <summary>The instant that orders versions when SEQUENCE cannot: DTSTAMP, else LAST-MODIFIED, else CREATED.</summary>
    public DateTimeOffset OrderStamp => Stamp ?? LastModified ?? Created ?? DateTimeOffset.MinValue;

    public string Describe() => RecurrenceSlot is { } slot
        ? $"VEVENT UID={Uid} RECURRENCE-ID={IcsIds.Slot(slot)}"
        : $"VEVENT UID={Uid}";
}

/// <summary>An EXDATE value: an instant, or a whole day (VALUE=DATE) in the series' zone.</summary>
internal readonly record struct ExcludedDate(DateTimeOffset? Instant, DateOnly? Day);

/// <summary>A date or date-time as written: its wall-clock value and whether it was a date, UTC, or floating.</summary>
internal sealed record WrittenTime(DateTime Wall, bool IsDate, bool IsUtc, bool IsFloating);
