using Mentoring.Engine.Messages;
using Mentoring.Engine.Pairs;
using Mentoring.Engine.Policy;
using Mentoring.Engine.Programs;
using Mentoring.Engine.Signals;
using Mentoring.Engine.Tests.Support;
using static Mentoring.Engine.Tests.Support.A;

namespace Mentoring.Engine.Tests.Signals;

public sealed class ProgramCrunchTests
{
    private static readonly DateTimeOffset Now = T0 + Days(30);

    private static IEnumerable<PairActivity> Pairs(int active, int postponedThisWeek, int postponedLastMonth = 0)
    {
        for (var i = 0; i < active; i++)
        {
            DateTimeOffset? lastSetback = i < postponedThisWeek ? Now - Days(2)
                : i < postponedThisWeek + postponedLastMonth ? Now - Days(20)
                : null;
            yield return new PairActivity($"pair-{i}", true, lastSetback);
        }

        yield return new PairActivity("ended", false, Now - Days(1));
    }

    private static CrunchAssessment Assess(IEnumerable<PairActivity> pairs, IReadOnlyList<SentMessage>? history = null) =>
        ProgramCrunchDetector.Assess("program-1", pairs, TimeZoneInfo.Utc, hasSponsor: true, history ?? [], AnyHourPolicy, Now);

    [Fact]
    public void Crunch_JustUnderThirtyPercent_NoCrunch()
    {
        var assessment = Assess(Pairs(active: 7, postponedThisWeek: 2, postponedLastMonth: 3));

        Assert.False(assessment.Active);
        Assert.Empty(assessment.Decisions);
    }

    [Fact]
    public void Crunch_ThirtyPercentPostponedThisWeek_CrunchWithOneMessageToSponsorAndAdmin()
    {
        var assessment = Assess(Pairs(active: 10, postponedThisWeek: 3));

        Assert.True(assessment.Active);
        Assert.Equal(0.3, assessment.Share, 3);
        Assert.Equal([RecipientKind.Sponsor, RecipientKind.Admin], assessment.Decisions.Select(d => d.Recipient.Kind));
        Assert.All(assessment.Decisions, d => Assert.Equal(TemplateIds.ProgramCrunch, d.TemplateId));
    }

    [Fact]
    public void Crunch_AlreadyWrittenThisWeek_NotWrittenAgain()
    {
        var first = Assess(Pairs(active: 10, postponedThisWeek: 3));

        var again = Assess(Pairs(active: 10, postponedThisWeek: 3), first.Decisions.AsHistory());

        Assert.True(again.Active);
        Assert.Empty(again.Decisions);
    }

    [Fact]
    public void Crunch_SamePostponements_NextIsoWeek_NotWrittenAgain()
    {
        // Postponed on a Friday, written that Friday; the next Monday the postponements are still in the 7-day window.
        var friday = new DateTimeOffset(2027, 3, 5, 10, 0, 0, TimeSpan.Zero);
        var monday = friday.AddDays(3);
        var pairs = Enumerable.Range(0, 10).Select(i => new PairActivity($"pair-{i}", true, i < 4 ? friday.AddHours(-2) : null)).ToList();
        var first = ProgramCrunchDetector.Assess("program-1", pairs, TimeZoneInfo.Utc, true, [], AnyHourPolicy, friday);

        var onMonday = ProgramCrunchDetector.Assess("program-1", pairs, TimeZoneInfo.Utc, true, first.Decisions.AsHistory(), AnyHourPolicy, monday);

        Assert.Equal(2, first.Decisions.Count);
        Assert.True(onMonday.Active);
        Assert.Empty(onMonday.Decisions);
    }

    [Fact]
    public void Crunch_NewPostponements_AfterTheReportedWindow_WrittenAgain()
    {
        var friday = new DateTimeOffset(2027, 3, 5, 10, 0, 0, TimeSpan.Zero);
        var later = friday.AddDays(8);
        var first = ProgramCrunchDetector.Assess("program-1",
            Enumerable.Range(0, 10).Select(i => new PairActivity($"pair-{i}", true, i < 4 ? friday.AddHours(-2) : null)), TimeZoneInfo.Utc, true, [], AnyHourPolicy, friday);

        var again = ProgramCrunchDetector.Assess("program-1",
            Enumerable.Range(0, 10).Select(i => new PairActivity($"pair-{i}", true, i < 4 ? later.AddHours(-2) : null)), TimeZoneInfo.Utc, true, first.Decisions.AsHistory(), AnyHourPolicy, later);

        Assert.Equal(2, again.Decisions.Count);
    }

    [Fact]
    public void Crunch_ASmallProgram_NeverInACrunch()
    {
        Assert.False(Assess(Pairs(active: 4, postponedThisWeek: 4)).Active);
    }

    [Fact]
    public void Crunch_Active_HoldsBackTheLaddersIndividualNudges()
    {
        LedgerChange[] postponing =
        [
            Scheduled("m1", T0, T0 + Days(10)),
            Moved("m1", T0 + Days(2), T0 + Days(10), T0 + Days(12)),
            Moved("m1", T0 + Days(3), T0 + Days(12), T0 + Days(40)),
        ];

        var held = Evaluate(postponing, T0 + Days(4), program: new ProgramConditions(CrunchActive: true));
        var normal = Evaluate(postponing, T0 + Days(4), program: ProgramConditions.None);

        Assert.True(Has.Signal(held, SignalKind.ProgramCrunch));
        Assert.Empty(held.Decisions);
        Assert.Contains(normal.Decisions, d => d.TemplateId == TemplateIds.Nudge);
    }

    [Fact]
    public void Crunch_EndedPairs_DoNotCount()
    {
        var assessment = Assess(Pairs(active: 10, postponedThisWeek: 2));

        Assert.Equal(10, assessment.ActivePairs);
        Assert.False(assessment.Active);
    }

    [Fact]
    public void Crunch_ShareIsAPolicyValue_FollowsIt()
    {
        var strict = AnyHourPolicy with { CrunchShare = 0.2 };

        var assessment = ProgramCrunchDetector.Assess("program-1", Pairs(10, 2), TimeZoneInfo.Utc, false, [], strict, Now);

        Assert.True(assessment.Active);
        Assert.Equal(RecipientKind.Admin, Assert.Single(assessment.Decisions).Recipient.Kind);
    }

    [Fact]
    public void Crunch_PolicyValidation_RejectsAShareAboveOne()
    {
        Assert.NotEmpty((EngagementPolicy.Default with { CrunchShare = 1.5 }).Validate());
        Assert.Empty(EngagementPolicy.Default.Validate());
    }
}
