using Mentoring.Engine.Messages;
using Mentoring.Engine.Policy;
using Mentoring.Engine.Sending;
using static Mentoring.Engine.Tests.Support.A;

namespace Mentoring.Engine.Tests.Sending;

/// <summary>The send-time rules the dispatcher applies, in their one home: cancel, skip, defer by the engine's cap.</summary>
public sealed class SendRulesTests
{
    private static readonly SendingPolicy AnyHour = new() { IgnoreQuietHours = true };
    private static readonly Recipient Mentee = new(RecipientKind.Mentee, "mentee-1");

    private static MessageDecision Decision(string template, int? step = null, string? episode = null, Recipient? to = null) =>
        new("key", template, to ?? Mentee, T0, T0, "why", new Dictionary<string, string>(), episode, Step: step);

    private static SendFacts Facts(bool active = true, string? episode = "ep-start", EmailKinds stopped = EmailKinds.None, params SentMessage[] sends) =>
        new(active, episode, stopped, TimeZoneInfo.Utc, [.. sends.Select(s => s.SentAt)]);

    private static SentMessage Sent(DateTimeOffset at) => new($"n/{at.UtcTicks}", TemplateIds.Nudge, Mentee.Key, at);

    [Fact]
    public void Check_LadderStepWhoseEpisodeClosed_Cancelled()
    {
        var verdict = SendRules.Check(Decision(TemplateIds.Nudge, 0, "ep-start"), Facts(episode: "ep-after-m1"), AnyHour, T0);

        Assert.Equal(new SendVerdict(SendVerdictKind.Cancel, Reason: "episode-closed"), verdict);
    }

    [Fact]
    public void Check_LadderStepOfAPausedPair_Cancelled()
    {
        Assert.Equal(SendVerdictKind.Cancel, SendRules.Check(Decision(TemplateIds.Nudge, 0, "ep-start"), Facts(active: false), AnyHour, T0).Kind);
    }

    [Fact]
    public void Check_RecipientUnsubscribed_SkippedButTheAdminDigestGoes()
    {
        Assert.Equal(SendVerdictKind.Skip, SendRules.Check(Decision(TemplateIds.CampaignLaunch), Facts(stopped: EmailKinds.All), AnyHour, T0).Kind);
        Assert.Equal(SendVerdictKind.Go, SendRules.Check(Decision(TemplateIds.AdminDigest, to: Recipient.Admin), Facts(stopped: EmailKinds.All), AnyHour, T0).Kind);
    }

    [Fact]
    public void Check_RecipientStoppedOneKind_OnlyThatKindSkipped()
    {
        var stoppedLadder = Facts(stopped: EmailKinds.Ladder);

        Assert.Equal(SendVerdictKind.Skip, SendRules.Check(Decision(TemplateIds.Nudge, 0, "ep-start"), stoppedLadder, AnyHour, T0).Kind);
        Assert.Equal(SendVerdictKind.Skip, SendRules.Check(Decision(TemplateIds.ThankYou), stoppedLadder, AnyHour, T0).Kind);
        Assert.Equal(SendVerdictKind.Go, SendRules.Check(Decision(TemplateIds.CampaignMidCycle), stoppedLadder, AnyHour, T0).Kind);
        Assert.Equal(SendVerdictKind.Go, SendRules.Check(Decision(TemplateIds.PreMeetingReminder), stoppedLadder, AnyHour, T0).Kind);
        Assert.Equal(SendVerdictKind.Skip, SendRules.Check(Decision(TemplateIds.PreMeetingReminder), Facts(stopped: EmailKinds.MeetingReminders), AnyHour, T0).Kind);
    }

    [Fact]
    public void Check_Invitation_GoesAtOnceInQuietHoursAndPastTheCap_SkippedOnlyWhenEveryKindIsStopped()
    {
        var officeHours = new SendingPolicy();
        var saturdayNight = new DateTimeOffset(2026, 1, 10, 23, 30, 0, TimeSpan.Zero);
        var invitation = Decision(TemplateIds.MeetingInvitation) with { NotBefore = saturdayNight };
        var cappedWeek = new[] { Sent(saturdayNight - Days(3)), Sent(saturdayNight - Days(2)), Sent(saturdayNight - Days(1)) };

        Assert.Equal(new SendVerdict(SendVerdictKind.Go, saturdayNight), SendRules.Check(invitation, Facts(sends: cappedWeek), officeHours, saturdayNight));
        Assert.Equal(SendVerdictKind.Defer, SendRules.Check(Decision(TemplateIds.CampaignLaunch) with { NotBefore = saturdayNight }, Facts(), officeHours, saturdayNight).Kind);
        Assert.Equal(SendVerdictKind.Go, SendRules.Check(invitation, Facts(stopped: EmailKinds.Ladder | EmailKinds.Campaign), officeHours, saturdayNight).Kind);
        Assert.Equal(new SendVerdict(SendVerdictKind.Skip, Reason: "suppressed"), SendRules.Check(invitation, Facts(stopped: EmailKinds.All), officeHours, saturdayNight));
        Assert.False(TemplateIds.IsCapped(TemplateIds.MeetingInvitation));
    }

    [Fact]
    public void KindOf_EveryTemplate_HasOneKind_TheDigestNone_TheInvitationEvery()
    {
        foreach (var template in TemplateIds.All)
        {
            var kind = TemplateIds.KindOf(template);
            Assert.True(
                template switch
                {
                    TemplateIds.AdminDigest => kind == EmailKinds.None,
                    TemplateIds.MeetingInvitation => kind == EmailKinds.All,
                    _ => EmailKindNames.Each.Any(e => e.Kind == kind),
                },
                template);
            Assert.Equal(kind != EmailKinds.None, SendRules.IsSuppressible(template));
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => TemplateIds.KindOf("not-a-template"));
    }

    [Fact]
    public void KindNames_RoundTrip_UnknownNamesIgnored()
    {
        Assert.Equal("ladder,meeting-reminders", EmailKindNames.Format(EmailKinds.Ladder | EmailKinds.MeetingReminders));
        Assert.Equal(EmailKinds.All, EmailKindNames.Parse(EmailKindNames.Format(EmailKinds.All)));
        Assert.Equal(EmailKinds.Campaign, EmailKindNames.Parse(" campaign , newsletter,,"));
        Assert.Equal(EmailKinds.None, EmailKindNames.Parse(null));
        Assert.False(EmailKindNames.TryParse("Ladder", out _));
    }

    [Fact]
    public void Check_TwoSentInTheWeek_DeferredByTheEnginesCapArithmetic()
    {
        var sends = new[] { Sent(T0 - Days(5)), Sent(T0 - Days(1)) };

        var verdict = SendRules.Check(Decision(TemplateIds.ValueReminder, 1, "ep-start"), Facts(sends: sends), AnyHour, T0);

        Assert.Equal(SendVerdictKind.Defer, verdict.Kind);
        Assert.Equal(SendWindow.NotBefore(T0, TimeZoneInfo.Utc, Mentee.Key, TemplateIds.ValueReminder, sends, [], AnyHour), verdict.At);
        Assert.Equal(T0 + Days(2), verdict.At);
    }

    [Fact]
    public void Check_CappedEmailJudgedBeforeItsTime_DeferredToItsTimeOrLater_NeverEarlier()
    {
        var later = Decision(TemplateIds.Nudge, 0, "ep-start") with { NotBefore = T0 + Days(3) };

        Assert.Equal(new SendVerdict(SendVerdictKind.Defer, T0 + Days(3)), SendRules.Check(later, Facts(), AnyHour, T0));
        Assert.Equal(
            new SendVerdict(SendVerdictKind.Defer, T0 + Days(6)),
            SendRules.Check(later, Facts(sends: [Sent(T0 - Days(1)), Sent(T0 + Days(2))]), AnyHour, T0));
    }

    [Fact]
    public void Engine_PersonNudgedTwiceThisWeekInTheirOtherPair_NudgeDecidedForNextWeek()
    {
        var elsewhere = new[] { Sent(T0 - Days(5)), Sent(T0 - Days(1)) };
        var ledger = MeetingHeldAt("m1", T0 - Days(25)); // drifting since four days, nothing booked: both are nudged
        var pair = Pair(startedAt: T0 - Days(40));

        var alone = PairEngine.Evaluate(new PairSnapshot(pair, ledger, []), AnyHourPolicy, T0);
        var counted = PairEngine.Evaluate(new PairSnapshot(pair, ledger, [], OtherSends: elsewhere), AnyHourPolicy, T0);

        var nudge = Assert.Single(alone.Decisions, d => d.Recipient == Mentee && TemplateIds.IsCapped(d.TemplateId));
        var capped = Assert.Single(counted.Decisions, d => d.Recipient == Mentee && TemplateIds.IsCapped(d.TemplateId));
        Assert.True(nudge.NotBefore <= T0, "Alone, the nudge goes now.");
        Assert.Equal(T0 + Days(2), capped.NotBefore);
    }
}
