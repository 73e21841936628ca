using Mentoring.Engine.Signals;

namespace Mentoring.Engine.Health;

/// <summary>A pair's state: a score 0–100, a risk level, and the signals behind them.</summary>
public sealed record PairHealth(int Score, RiskLevel Level, IReadOnlyList<Signal> Signals)
{
    public IEnumerable<string> Reasons => Signals.Select(s => s.Describe());

    /// <summary>The signal the ladder acts on first (admin alerts, the digest); null when none.</summary>
    public Signal? MainSignal => Ladder.EscalationLadder.Primary(Signals);

    /// <summary>The main signal's line; empty when none.</summary>
    public string MainReason => MainSignal?.Describe() ?? "";
}
