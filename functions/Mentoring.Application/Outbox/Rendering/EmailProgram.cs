namespace Mentoring.Application.Outbox.Rendering;

/// <summary>What every email says about the program: its name, its business goal and its sponsor's own words.</summary>
/// <param name="Name">The program's name, e.g. "Engineering Mentoring 2026".</param>
/// <param name="BusinessGoal">The business goal in one sentence, as the program states it.</param>
/// <param name="SponsorName">The executive sponsor's name.</param>
/// <param name="SponsorRole">The sponsor's role, e.g. "Chief Operating Officer".</param>
/// <param name="SponsorWords">A short quote from the sponsor about why the program matters to the business.</param>
/// <param name="NextCycleStart">When the next cycle starts, if it is planned (UTC).</param>
public sealed record EmailProgram(
    string Name,
    string BusinessGoal,
    string SponsorName,
    string SponsorRole,
    string SponsorWords,
    DateTimeOffset? NextCycleStart = null);
