namespace Mentoring.Engine.Pairs;

/// <summary>What the program as a whole looks like right now; computed by <see cref="Programs.ProgramCrunchDetector"/>.</summary>
/// <param name="CrunchActive">The program is in a deadline season: individual nudges are held back.</param>
/// <param name="ActivePairs">Active pairs in the program.</param>
/// <param name="MeetingsHeldThisCycle">Held meetings across the program this cycle (for campaign facts).</param>
/// <param name="OtherPostponingPairs">
/// Active pairs other than the one evaluated with a setback in the crunch window; the evaluation adds its own pair's
/// fresh setback and decides the crunch (<see cref="Programs.ProgramCrunchDetector.WithPair"/>).
/// </param>
public sealed record ProgramConditions(bool CrunchActive = false, int ActivePairs = 0, int MeetingsHeldThisCycle = 0, int OtherPostponingPairs = 0)
{
    public static ProgramConditions None { get; } = new();
}
