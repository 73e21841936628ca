using Mentoring.Engine.Health;

namespace Mentoring.Engine.Programs;

/// <summary>A program's active pairs as its admins read them: per risk level, meetings held, pairs that met lately.</summary>
/// <param name="ActivePairs">Pairs neither paused nor ended.</param>
/// <param name="Healthy">Active pairs judged Healthy.</param>
/// <param name="Watch">Active pairs judged Watch.</param>
/// <param name="AtRisk">Active pairs judged AtRisk.</param>
/// <param name="Dormant">Active pairs judged Dormant.</param>
/// <param name="MeetingsHeld">Held meetings of the active pairs.</param>
/// <param name="MetInLast30Days">Active pairs with a held meeting in the last <see cref="RecentDays"/> days.</param>
public sealed record ProgramSummary(int ActivePairs, int Healthy, int Watch, int AtRisk, int Dormant, int MeetingsHeld, int MetInLast30Days)
{
    /// <summary>"Met lately" means a held meeting started within this many days.</summary>
    public const int RecentDays = 30;

    public static ProgramSummary Empty { get; } = new(0, 0, 0, 0, 0, 0, 0);

    /// <summary>Active pairs not evaluated yet (a new pair before its first evaluation).</summary>
    public int Unevaluated => ActivePairs - Healthy - Watch - AtRisk - Dormant;

    /// <summary>Active pairs not yet evaluated count in <see cref="ActivePairs"/> only.</summary>
    public static ProgramSummary Of(IEnumerable<PairActivity> pairs, DateTimeOffset now)
    {
        var recentSince = now - TimeSpan.FromDays(RecentDays);
        int active = 0, healthy = 0, watch = 0, atRisk = 0, dormant = 0, held = 0, met = 0;
        foreach (var pair in pairs)
        {
            if (!pair.Active)
                continue;
            active++;
            held += pair.MeetingsHeld;
            if (pair.LastMeetingAt is { } last && last > recentSince && last <= now)
                met++;
            switch (pair.RiskLevel)
            {
                case RiskLevel.Healthy: healthy++; break;
                case RiskLevel.Watch: watch++; break;
                case RiskLevel.AtRisk: atRisk++; break;
                case RiskLevel.Dormant: dormant++; break;
            }
        }

        return new ProgramSummary(active, healthy, watch, atRisk, dormant, held, met);
    }
}
