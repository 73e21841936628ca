using Mentoring.Engine.Messages;
using Mentoring.Engine.Policy;
using static Mentoring.Engine.Tests.Support.A;

namespace Mentoring.Engine.Tests.Campaign;

public sealed class PreMeetingReminderTests
{
    private static readonly DateTimeOffset Start = T0 + Days(3); // a Thursday, 10:00 UTC
    private static readonly EngagementPolicy WithReminders = AnyHourPolicy with { Campaign = new CampaignPolicy { PreMeetingReminders = true } };

    [Fact]
    public void Reminder_JustBeforeADayAhead_NotYet()
    {
        LedgerChange[] ledger = [Scheduled("m1", T0, Start)];

        Assert.Empty(Evaluate(ledger, Start - Days(1) - Minute, policy: WithReminders).Decisions);
    }

    [Fact]
    public void Reminder_ADayAhead_BothGetOne()
    {
        LedgerChange[] ledger = [Scheduled("m1", T0, Start)];

        var decisions = Evaluate(ledger, Start - Days(1), policy: WithReminders).Decisions;

        Assert.Equal(2, decisions.Count);
        Assert.All(decisions, d => Assert.Equal(TemplateIds.PreMeetingReminder, d.TemplateId));
        Assert.All(decisions, d => Assert.Equal("m1", d.MeetingId));
    }

    [Fact]
    public void Reminder_MentorStoppedMeetingReminders_OnlyTheMenteeGetsOne()
    {
        LedgerChange[] ledger = [Scheduled("m1", T0, Start)];

        var decision = Assert.Single(Evaluate(ledger, Start - Days(1), Pair(mentorStopped: EmailKinds.MeetingReminders), policy: WithReminders).Decisions);

        Assert.Equal(RecipientKind.Mentee, decision.Recipient.Kind);
    }

    [Fact]
    public void Reminder_TheMeetingMovedAfterTheReminder_ANewReminderForTheNewTime()
    {
        LedgerChange[] ledger = [Scheduled("m1", T0, Start)];
        var first = Evaluate(ledger, Start - Days(1), policy: WithReminders).Decisions;
        LedgerChange[] moved = [.. ledger, Moved("m1", Start - Hours(20), Start, Start + Days(2))];

        var second = Evaluate(moved, Start + Days(1), policy: WithReminders, history: first.AsHistory()).Decisions;

        Assert.Equal(2, second.Count);
        Assert.DoesNotContain(second, d => first.Any(f => f.IdempotencyKey == d.IdempotencyKey));
    }

    [Fact]
    public void Reminder_TurnedOffByDefault_Nothing()
    {
        Assert.Empty(Evaluate([Scheduled("m1", T0, Start)], Start - Days(1)).Decisions);
    }

    [Fact]
    public void Reminder_QuietHoursWouldPushItPastTheStart_Skipped()
    {
        var mondayEight = new DateTimeOffset(2026, 1, 12, 8, 0, 0, TimeSpan.Zero); // due Sunday 08:00, quiet until Monday 09:00
        LedgerChange[] ledger = [Scheduled("m1", T0, mondayEight)];
        var office = EngagementPolicy.Default with { Campaign = new CampaignPolicy { PreMeetingReminders = true } };

        Assert.Empty(Evaluate(ledger, mondayEight - Days(1), policy: office).Decisions);
    }
}
