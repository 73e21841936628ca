using Mentoring.Engine.Ledger;
using Mentoring.Engine.Messages;
using Mentoring.Engine.Pairs;

namespace Mentoring.Engine;

/// <summary>What the engine reads about one pair: who they are, their ledger, and what we already decided to send them.</summary>
/// <param name="Pair">Who they are.</param>
/// <param name="Ledger">Their meetings' changes.</param>
/// <param name="History">The messages decided for this pair.</param>
/// <param name="Program">The rest of the program (the crunch).</param>
/// <param name="OtherSends">Capped messages decided for this pair's people in their other pairs of the program: the weekly cap counts the person, not the pair.</param>
public sealed record PairSnapshot(
    PairContext Pair,
    IReadOnlyList<LedgerChange> Ledger,
    IReadOnlyList<SentMessage> History,
    ProgramConditions? Program = null,
    IReadOnlyList<SentMessage>? OtherSends = null);
