using Mentoring.Engine.Health;
using Mentoring.Engine.Ledger;
using Mentoring.Engine.Meetings;
using Mentoring.Engine.Messages;
using Mentoring.Engine.Signals;

namespace Mentoring.Engine.Replay;

/// <summary>What the engine would have seen and done over a pair's history.</summary>
/// <param name="AsOf">The instant the replay stopped.</param>
/// <param name="Meetings">The meetings as they stood at <paramref name="AsOf"/>.</param>
/// <param name="Changes">The distinct ledger changes, in the order the engine read them.</param>
/// <param name="Signals">Every signal that held at some point, once per kind and start time, in order.</param>
/// <param name="Risk">The pair's health at <paramref name="AsOf"/>.</param>
/// <param name="Messages">Messages that would have gone out by <paramref name="AsOf"/>, in send order.</param>
/// <param name="Pending">Messages decided but deferred past <paramref name="AsOf"/> (quiet hours, caps).</param>
/// <param name="Evaluations">How many times the engine was run.</param>
/// <param name="SteppedFrom">Where a long history was first evaluated (<see cref="PairReplay.MaxSteppedChangeInstants"/>):
/// changes before it were read, but no message or signal before it was replayed. Null when the whole history was.</param>
public sealed record ReplayResult(
    DateTimeOffset AsOf,
    IReadOnlyList<Meeting> Meetings,
    IReadOnlyList<LedgerChange> Changes,
    IReadOnlyList<Signal> Signals,
    PairHealth Risk,
    IReadOnlyList<MessageDecision> Messages,
    IReadOnlyList<MessageDecision> Pending,
    int Evaluations,
    DateTimeOffset? SteppedFrom = null);
