using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;

namespace Mentoring.Application.Ingest.Ics;

/// <summary>
/// The properties of one VEVENT the reader uses, typed: read by <see cref="FastEventFields"/> straight from the scanned
/// properties, or by Ical.Net (<see cref="From"/>) when a value is anything but plain.
/// </summary>
internal sealed record EventFields
{
    public string? Uid { get; init; }

    public CalDateTime? DtStamp { get; init; }

    public CalDateTime? Created { get; init; }

    public CalDateTime? LastModified { get; init; }

    public CalDateTime? RecurrenceId { get; init; }

    public bool ThisAndFuture { get; init; }

    public string? Status { get; init; }

    public CalDateTime? DtStart { get; init; }

    public CalDateTime? DtEnd { get; init; }

    /// <summary>DURATION as a length (days of 24 hours).</summary>
    public TimeSpan? Duration { get; init; }

    public RecurrenceRule? Rule { get; init; }

    public IReadOnlyList<CalDateTime> RecurrenceDates { get; init; } = [];

    public IReadOnlyList<CalDateTime> ExceptionDates { get; init; } = [];

    public static EventFields From(CalendarEvent component) => new()
    {
        Uid = component.Uid,
        DtStamp = component.DtStamp,
        Created = component.Created,
        LastModified = component.LastModified,
        RecurrenceId = component.RecurrenceIdentifier?.StartTime,
        ThisAndFuture = component.RecurrenceIdentifier?.Range == RecurrenceRange.ThisAndFuture,
        Status = component.Status,
        DtStart = component.DtStart,
        DtEnd = component.DtEnd,
        Duration = component.Duration?.ToTimeSpanUnspecified(),
        Rule = component.RecurrenceRule,
        RecurrenceDates = [.. component.RecurrenceDates.GetAllDates()],
        ExceptionDates = [.. component.ExceptionDates.GetAllDates()],
    };
}
