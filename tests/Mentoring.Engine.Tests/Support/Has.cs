using Mentoring.Engine.Signals;

namespace Mentoring.Engine.Tests.Support;

internal static class Has
{
    public static bool Signal(PairEvaluation evaluation, SignalKind kind) =>
        evaluation.Health.Signals.Any(s => s.Kind == kind);
}
