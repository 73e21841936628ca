namespace Mentoring.Engine.Policy;

/// <summary>Every threshold the engine uses. Defaults are the ones in docs/engine.md.</summary>
public sealed record EngagementPolicy
{
    public static EngagementPolicy Default { get; } = new();

    /// <summary>How often the pair is expected to meet.</summary>
    public int CadenceDays { get; init; } = 14;

    /// <summary>No held meeting for this many cadences, and none scheduled: drifting.</summary>
    public double DriftingCadenceFactor { get; init; } = 1.5;

    /// <summary>No held meeting for this many cadences, and none scheduled: at risk.</summary>
    public double AtRiskCadenceFactor { get; init; } = 2.0;

    /// <summary>No held meeting for this many days: dormant.</summary>
    public int DormantDays { get; init; } = 90;

    /// <summary>Postponements or cancellations since the last held meeting that make "repeated postponement".</summary>
    public int RepeatedPostponementCount { get; init; } = 2;

    /// <summary>A postponement or cancellation closer than this to the start is a late change.</summary>
    public TimeSpan LateChangeWindow { get; init; } = TimeSpan.FromHours(24);

    /// <summary>How much a late change weighs against an ordinary one.</summary>
    public double LateChangeWeight { get; init; } = 2.0;

    /// <summary>A cancellation with no new meeting booked within this many days: "cancelled, not rebooked".</summary>
    public int RebookWithinDays { get; init; } = 7;

    /// <summary>Share of the recent changes one participant must have made for the pair to be one-sided.</summary>
    public double OneSidedShare { get; init; } = 2.0 / 3.0;

    /// <summary>Recent changes with a known author needed before one-sidedness is judged.</summary>
    public int OneSidedMinimumChanges { get; init; } = 2;

    /// <summary>No meeting held this many days after the pair started: slow start.</summary>
    public int SlowStartDays { get; init; } = 14;

    /// <summary>The first meetings of a pair weigh more: postponing them costs this factor.</summary>
    public double EarlyMeetingWeight { get; init; } = 1.5;

    /// <summary>How many of the first meetings weigh more.</summary>
    public int EarlyMeetingCount { get; init; } = 2;

    /// <summary>Share of a program's active pairs postponing in the crunch window that makes a program crunch.</summary>
    public double CrunchShare { get; init; } = 0.30;

    /// <summary>The crunch window.</summary>
    public int CrunchWindowDays { get; init; } = 7;

    /// <summary>Smaller programs never count as being in a crunch: a few pairs are not a season.</summary>
    public int CrunchMinimumActivePairs { get; init; } = 5;

    /// <summary>The day of the week the admins get the program's digest (at the start of the working day); null: none.</summary>
    public DayOfWeek? DigestDay { get; init; } = DayOfWeek.Monday;

    /// <summary>A cancellation this soon after our pre-meeting reminder is honest, not drift by itself.</summary>
    public TimeSpan ReminderCancellationGrace { get; init; } = TimeSpan.FromHours(48);

    /// <summary>Assumed length of a meeting whose source gave no end.</summary>
    public TimeSpan DefaultMeetingLength { get; init; } = TimeSpan.FromHours(1);

    public LadderPolicy Ladder { get; init; } = new();

    public SendingPolicy Sending { get; init; } = new();

    public CampaignPolicy Campaign { get; init; } = new();

    public TimeSpan Cadence => TimeSpan.FromDays(CadenceDays);

    /// <summary>The reasons this policy cannot be used; empty when it can.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (CadenceDays is < 1 or > 365)
            errors.Add("CadenceDays must be between 1 and 365.");
        if (DriftingCadenceFactor <= 0 || AtRiskCadenceFactor < DriftingCadenceFactor)
            errors.Add("DriftingCadenceFactor must be positive and no larger than AtRiskCadenceFactor.");
        if (DormantDays < 1)
            errors.Add("DormantDays must be at least 1.");
        if (RepeatedPostponementCount < 1)
            errors.Add("RepeatedPostponementCount must be at least 1.");
        if (LateChangeWeight < 1 || EarlyMeetingWeight < 1)
            errors.Add("LateChangeWeight and EarlyMeetingWeight must be at least 1.");
        if (OneSidedShare is <= 0.5 or > 1)
            errors.Add("OneSidedShare must be above 0.5 and at most 1.");
        if (CrunchShare is <= 0 or > 1)
            errors.Add("CrunchShare must be above 0 and at most 1.");
        if (RebookWithinDays < 1 || SlowStartDays < 1 || CrunchWindowDays < 1)
            errors.Add("RebookWithinDays, SlowStartDays and CrunchWindowDays must be at least 1.");
        errors.AddRange(Ladder.Validate());
        errors.AddRange(Sending.Validate());
        errors.AddRange(Campaign.Validate());
        return errors;
    }
}
