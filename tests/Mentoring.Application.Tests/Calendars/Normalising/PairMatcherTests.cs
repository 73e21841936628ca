using Mentoring.Application.Ingest.Matching;
using Mentoring.Application.Ingest.Normalising;
using Mentoring.Engine.Ledger;

namespace Mentoring.Tests.Calendars.Normalising;

public sealed class PairMatcherTests
{
    private static readonly PairIdentity Pair = new("pair-42", "maria.mentor@contoso.com", "tom.mentee@contoso.com", ["graph:SERIES1"]);
    private static readonly PairIdentity Other = new("pair-7", "maria.mentor@contoso.com", "ana.mentee@contoso.com", []);

    private static CalendarObservation Observation(string[] participants, string? subject = null, string? series = null, string? by = null) =>
        new("graph", "c1", "graph:M1", ChangeKind.Cancelled, DateTimeOffset.UnixEpoch, null, null, null, by, null, participants, subject, series);

    [Fact]
    public void Match_BothParticipantsAnyCase_MatchedWithTheCanceler()
    {
        var match = PairMatcher.Match(Observation(["MARIA.Mentor@Contoso.com", "tom.mentee@contoso.com"], by: "Tom.Mentee@contoso.com"), [Pair, Other]);
        Assert.Equal(MatchedBy.Participants, match.How);
        Assert.Equal("pair-42", match.PairId);
        Assert.Equal(Party.Mentee, match.Change!.ChangedBy);
    }

    [Fact]
    public void Match_OnlyOneParticipant_NotMatched() =>
        Assert.False(PairMatcher.Match(Observation(["maria.mentor@contoso.com", "someone@contoso.com"]), [Pair, Other]).IsMatched);

    [Fact]
    public void Match_ProgramTagInSubject_Matched() =>
        Assert.Equal(MatchedBy.ProgramTag, PairMatcher.Match(Observation([], "Catch-up [mentoring:pair-7]"), [Pair, Other]).How);

    [Fact]
    public void Match_TagOfUnknownPair_NotMatched() =>
        Assert.False(PairMatcher.Match(Observation([], "Catch-up [mentoring:pair-999]"), [Pair, Other]).IsMatched);

    [Fact]
    public void Match_ExplicitSeriesLink_Matched() =>
        Assert.Equal(MatchedBy.SeriesLink, PairMatcher.Match(Observation([], series: "graph:SERIES1"), [Pair, Other]).How);

    [Fact]
    public void Match_MeetingAlreadyInAPairsLedger_Matched() =>
        Assert.Equal("pair-7", PairMatcher.Match(Observation([]), [Pair, Other], new Dictionary<string, string> { ["graph:M1"] = "pair-7" }).PairId);

    [Fact]
    public void Match_TwoPairsWithTheSameParticipants_NotMatched()
    {
        var twin = Pair with { PairId = "pair-43", SeriesLinks = [] };
        Assert.False(PairMatcher.Match(Observation(["maria.mentor@contoso.com", "tom.mentee@contoso.com"]), [Pair, twin]).IsMatched);
    }

    [Fact]
    public void PartyOf_Stranger_Null() => Assert.Null(PairMatcher.PartyOf(Pair, "stranger@contoso.com"));
}
