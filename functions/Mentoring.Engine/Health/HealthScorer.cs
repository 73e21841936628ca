using Mentoring.Engine.Signals;

namespace Mentoring.Engine.Health;

/// <summary>Turns signals and weighted setbacks into a 0–100 score and a risk level.</summary>
internal static class HealthScorer
{
    /// <summary>Points each weighted setback costs (a late change or an early meeting weighs more).</summary>
    internal const double PointsPerWeightedSetback = 8;

    /// <summary>Setbacks alone never cost more than this: drift and dormancy say the rest.</summary>
    internal const double MaxSetbackPenalty = 48;

    internal const int WatchBelow = 80;
    internal const int AtRiskBelow = 50;

    public static PairHealth Score(IReadOnlyList<Signal> signals, double weightedSetbacks)
    {
        var penalty = Math.Min(weightedSetbacks * PointsPerWeightedSetback, MaxSetbackPenalty);
        var actionable = false;
        var dormant = false;
        var atRisk = false;
        for (var i = 0; i < signals.Count; i++)
        {
            var signal = signals[i];
            penalty += Penalty(signal.Kind);
            actionable |= signal.IsActionable;
            dormant |= signal.Kind == SignalKind.Dormant;
            atRisk |= signal.Kind == SignalKind.AtRisk;
        }

        var score = (int)Math.Round(Math.Clamp(100 - penalty, 0, 100), MidpointRounding.AwayFromZero);
        var level =
            dormant ? RiskLevel.Dormant
            : atRisk || score < AtRiskBelow ? RiskLevel.AtRisk
            : actionable || score < WatchBelow ? RiskLevel.Watch
            : RiskLevel.Healthy;
        return new PairHealth(score, level, signals);
    }

    private static double Penalty(SignalKind kind) => kind switch
    {
        SignalKind.Dormant => 90,
        SignalKind.AtRisk => 45,
        SignalKind.Drifting => 25,
        SignalKind.CancelledNotRebooked => 20,
        SignalKind.SlowStart => 20,
        SignalKind.OneSided => 5,
        _ => 0, // repeated postponement and late change are priced through the weighted setbacks
    };
}
