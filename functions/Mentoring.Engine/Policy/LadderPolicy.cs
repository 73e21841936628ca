namespace Mentoring.Engine.Policy;

/// <summary>The escalation ladder: how far apart its steps are and how many there may be.</summary>
public sealed record LadderPolicy
{
    /// <summary>Minimum days between step 1 and 2, 2 and 3, 3 and 4.</summary>
    public IReadOnlyList<int> StepSpacingDays { get; init; } = [3, 7, 14];

    /// <summary>At most this many ladder steps in one episode.</summary>
    public int MaxStepsPerEpisode { get; init; } = 4;

    /// <summary>Whether the program lets the ladder write to a sponsor or a manager (step 3).</summary>
    public bool SponsorStep { get; init; } = true;

    /// <summary>A short thank-you naming the streak when a held meeting closes an episode.</summary>
    public bool ThankYouOnHeld { get; init; } = true;

    internal TimeSpan SpacingBefore(int stepIndex) =>
        stepIndex <= 0
            ? TimeSpan.Zero
            : TimeSpan.FromDays(StepSpacingDays[Math.Min(stepIndex - 1, StepSpacingDays.Count - 1)]);

    internal IEnumerable<string> Validate()
    {
        if (StepSpacingDays.Count == 0 || StepSpacingDays.Any(d => d < 1))
            yield return "Ladder.StepSpacingDays needs at least one value, each at least 1.";
        if (MaxStepsPerEpisode is < 1 or > 4)
            yield return "Ladder.MaxStepsPerEpisode must be between 1 and 4.";
    }
}
