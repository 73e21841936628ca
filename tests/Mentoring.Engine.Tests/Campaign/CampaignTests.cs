using Mentoring.Engine.Campaign;
using Mentoring.Engine.Messages;
using Mentoring.Engine.Pairs;
using Mentoring.Engine.Policy;
using Mentoring.Engine.Tests.Support;
using static Mentoring.Engine.Tests.Support.A;

namespace Mentoring.Engine.Tests.Campaign;

public sealed class CampaignTests
{
    private static readonly CycleWindow Cycle = new("2026-h1", T0, T0 + Days(120));

    private static PairContext InCycle => Pair(cycle: Cycle);

    private static List<string> TemplatesAt(DateTimeOffset now, IReadOnlyList<LedgerChange>? ledger = null) =>
        [.. Evaluate(ledger ?? [], now, InCycle).Decisions.Where(d => d.TemplateId.StartsWith("campaign-", StringComparison.Ordinal)).Select(d => d.TemplateId).Distinct()];

    [Fact]
    public void Campaign_SevenDaysBeforeLaunch_WhyThisProgramIsBusinessToBoth()
    {
        var decisions = Evaluate([], T0 - Days(7), InCycle).Decisions;

        Assert.Equal(2, decisions.Count);
        Assert.All(decisions, d => Assert.Equal(TemplateIds.CampaignBeforeLaunch, d.TemplateId));
    }

    [Fact]
    public void Campaign_MenteeStoppedTheCampaign_OnlyTheMentorGetsIt_ALadderStopChangesNothing()
    {
        var decision = Assert.Single(Evaluate([], T0 - Days(7), Pair(cycle: Cycle, menteeStopped: EmailKinds.Campaign)).Decisions);
        Assert.Equal(RecipientKind.Mentor, decision.Recipient.Kind);

        Assert.Equal(2, Evaluate([], T0 - Days(7), Pair(cycle: Cycle, menteeStopped: EmailKinds.Ladder | EmailKinds.MeetingReminders)).Decisions.Count);
    }

    [Fact]
    public void Campaign_JustBeforeTheFirstMoment_Nothing()
    {
        Assert.Empty(TemplatesAt(T0 - Days(7) - Minute));
    }

    [Fact]
    public void Campaign_AtLaunch_ProtectTheFirstMeeting()
    {
        Assert.Equal([TemplateIds.CampaignLaunch], TemplatesAt(T0));
    }

    [Fact]
    public void Campaign_AWeekInWithoutAMeeting_BookYourFirstMeeting()
    {
        Assert.Equal([TemplateIds.CampaignBookFirstMeeting], TemplatesAt(T0 + Days(7)));
    }

    [Fact]
    public void Campaign_AWeekInWithAMeetingBooked_NoBookingEmail()
    {
        Assert.Empty(TemplatesAt(T0 + Days(7), [Scheduled("m1", T0 + Days(1), T0 + Days(9))]));
    }

    [Fact]
    public void Campaign_MidCycleAndClose_DatedFromTheCycle()
    {
        Assert.Equal([TemplateIds.CampaignMidCycle], TemplatesAt(T0 + Days(60), [.. MeetingHeldAt("m1", T0 + Days(55))]));
        Assert.Equal([TemplateIds.CampaignClose], TemplatesAt(T0 + Days(113), [.. MeetingHeldAt("m1", T0 + Days(110))]));
    }

    [Fact]
    public void Close_AWeekBeforeTheEnd_InTimeForAClosingConversation()
    {
        Assert.Empty(TemplatesAt(T0 + Days(113) - Minute, [.. MeetingHeldAt("m1", T0 + Days(110))]));
        var close = Assert.Single(CampaignSchedule.For(Cycle, new CampaignPolicy()), m => m.TemplateId == TemplateIds.CampaignClose);
        Assert.Equal(Cycle.End - Days(7), close.DueAt);
    }

    [Fact]
    public void Close_PolicySaysWhenBeforeTheEnd()
    {
        var policy = new CampaignPolicy { CloseBeforeEndDays = 0 };

        Assert.Equal(Cycle.End, CampaignSchedule.For(Cycle, policy).Single(m => m.TemplateId == TemplateIds.CampaignClose).DueAt);
        Assert.Contains(new EngagementPolicy { Campaign = new CampaignPolicy { CloseBeforeEndDays = -1 } }.Validate(), e => e.Contains("CloseBeforeEndDays", StringComparison.Ordinal));
        Assert.Empty(EngagementPolicy.Default.Validate());
    }

    [Fact]
    public void Campaign_AMomentFoundMoreThanThreeDaysLate_Skipped()
    {
        Assert.DoesNotContain(TemplateIds.CampaignLaunch, TemplatesAt(T0 + Days(3) + Minute));
    }

    [Fact]
    public void Campaign_KeysNameThePersonNotThePair_OnePersonInTwoPairsGetsItOnce()
    {
        var first = Evaluate([], T0, InCycle).Decisions;
        var otherPair = InCycle with { PairId = "pair-2", Mentee = InCycle.Mentee with { Id = "mentee-2" } };

        var second = Evaluate([], T0, otherPair, history: first.AsHistory()).Decisions;

        var onlyNew = Assert.Single(second);
        Assert.Equal(new Recipient(RecipientKind.Mentee, "mentee-2"), onlyNew.Recipient);
    }

    [Fact]
    public void Campaign_Disabled_Nothing()
    {
        var quiet = AnyHourPolicy with { Campaign = new CampaignPolicy { Enabled = false } };

        Assert.Empty(Evaluate([], T0, InCycle, quiet).Decisions);
    }
}
