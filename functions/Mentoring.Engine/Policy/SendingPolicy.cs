namespace Mentoring.Engine.Policy;

/// <summary>When a person may receive an engine email at all.</summary>
public sealed record SendingPolicy
{
    /// <summary>Start of the working day in the recipient's zone.</summary>
    public TimeOnly WorkdayStart { get; init; } = new(9, 0);

    /// <summary>End of the working day in the recipient's zone (exclusive).</summary>
    public TimeOnly WorkdayEnd { get; init; } = new(17, 0);

    public IReadOnlyList<DayOfWeek> WorkingDays { get; init; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <summary>At most this many capped engine emails per person in any 7 days.</summary>
    public int MaxEmailsPerPersonPerWeek { get; init; } = 2;

    /// <summary>Lets a demo or test send at any hour. Never on in production settings.</summary>
    public bool IgnoreQuietHours { get; init; }

    internal IEnumerable<string> Validate()
    {
        if (WorkdayEnd <= WorkdayStart)
            yield return "Sending.WorkdayEnd must be after Sending.WorkdayStart.";
        if (WorkingDays.Count == 0)
            yield return "Sending.WorkingDays needs at least one day.";
        if (MaxEmailsPerPersonPerWeek < 1)
            yield return "Sending.MaxEmailsPerPersonPerWeek must be at least 1.";
    }
}
