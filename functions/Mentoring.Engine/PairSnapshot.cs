using Mentoring.Engine.Ledger;
using Mentoring.Engine.Messages;
using Mentoring.Engine.Pairs;

namespace Mentoring.Engine;

/// <summary>What the engine reads about one pair: who they are, their ledger, and what we already decided to send them.</summary>
public sealed record PairSnapshot(
    PairContext Pair,
    IReadOnlyList<LedgerChange> Ledger,
    IReadOnlyList<SentMessage> History,
    ProgramConditions? Program = null);
