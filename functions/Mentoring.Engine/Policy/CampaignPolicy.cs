namespace Mentoring.Engine.Policy;

/// <summary>The positioning campaign around each cycle, and pre-meeting reminders.</summary>
public sealed record CampaignPolicy
{
    public bool Enabled { get; init; } = true;

    /// <summary>The "why this program is business" email goes this many days before the cycle starts.</summary>
    public int BeforeLaunchDays { get; init; } = 7;

    /// <summary>Pairs without a first meeting this many days after launch are asked to book one.</summary>
    public int BookFirstMeetingDays { get; init; } = 7;

    /// <summary>The close email goes this many days before the cycle ends: in time to book a closing conversation.</summary>
    public int CloseBeforeEndDays { get; init; } = 7;

    /// <summary>A campaign moment found more than this late (a pair added mid-cycle) is skipped, not sent late.</summary>
    public int StaleAfterDays { get; init; } = 3;

    public bool PreMeetingReminders { get; init; }

    public TimeSpan ReminderLead { get; init; } = TimeSpan.FromHours(24);

    internal IEnumerable<string> Validate()
    {
        if (BeforeLaunchDays is < 0 or > 365 || BookFirstMeetingDays is < 0 or > 365 || CloseBeforeEndDays is < 0 or > 365)
            yield return "Campaign.BeforeLaunchDays, BookFirstMeetingDays and CloseBeforeEndDays must be between 0 and 365.";
    }
}
