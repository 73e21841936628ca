using Mentoring.Engine.Ledger;

namespace Mentoring.Application.Ingest.Matching;

/// <summary>How an observation was tied to a pair.</summary>
public enum MatchedBy
{
    NotMatched,
    KnownMeeting,
    SeriesLink,
    ProgramTag,
    Participants,
}

/// <summary>The pair an observation belongs to and the ledger change to append; or not matched (count it, store nothing).</summary>
public sealed record PairMatch(MatchedBy How, string? PairId, LedgerChange? Change)
{
    public bool IsMatched => How != MatchedBy.NotMatched;

    public static readonly PairMatch NotMatched = new(MatchedBy.NotMatched, null, null);
}
