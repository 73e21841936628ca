using Mentoring.Engine.Messages;
using Mentoring.Engine.Tests.Support;
using static Mentoring.Engine.Tests.Support.A;

namespace Mentoring.Engine.Tests.Ladder;

public sealed class LadderTests
{
    // The mentee postponed the first meeting twice: the episode opens at the second move (day 3).
    private static readonly DateTimeOffset Opened = T0 + Days(3);

    private static readonly LedgerChange[] PostponedTwice =
    [
        Scheduled("m1", T0, T0 + Days(10)),
        Moved("m1", T0 + Days(2), T0 + Days(10), T0 + Days(30), Party.Mentee),
        Moved("m1", Opened, T0 + Days(30), T0 + Days(60), Party.Mentee),
    ];

    /// <summary>Evaluates at each instant in turn, feeding decisions back as history, like the live pipeline.</summary>
    private static List<MessageDecision> Climb(IReadOnlyList<LedgerChange> ledger, Pairs.PairContext? pair, params DateTimeOffset[] instants)
    {
        var history = new List<SentMessage>();
        var all = new List<MessageDecision>();
        foreach (var now in instants)
        {
            var evaluation = Evaluate(ledger, now, pair, history: history);
            history.AddRange(evaluation.Decisions.AsHistory());
            all.AddRange(evaluation.Decisions);
        }

        return all;
    }

    [Fact]
    public void Nudge_WhenTheEpisodeOpens_GoesToThePersonWhoPostponed()
    {
        var decision = Assert.Single(Evaluate(PostponedTwice, Opened).Decisions);

        Assert.Equal(TemplateIds.Nudge, decision.TemplateId);
        Assert.Equal(new Recipient(RecipientKind.Mentee, "mentee-1"), decision.Recipient);
        Assert.Equal(Opened, decision.DueAt);
        Assert.Equal(0, decision.Step);
    }

    [Fact]
    public void Nudge_WhoPostponedUnknown_GoesToBoth()
    {
        LedgerChange[] anonymous = [.. PostponedTwice.Select(c => c with { ChangedBy = null })];

        var decisions = Evaluate(anonymous, Opened).Decisions;

        Assert.Equal([RecipientKind.Mentor, RecipientKind.Mentee], decisions.Select(d => d.Recipient.Kind));
    }

    [Fact]
    public void ValueReminder_SaysWeWroteBeforeAndNamesLateChanges_OnlyToThePersonItIsTrueOf()
    {
        // The mentee moved the meeting twice, the second time two hours before it: the nudge went to the mentee alone.
        var lateMove = T0 + Days(30) - Hours(2);
        LedgerChange[] ledger =
        [
            Scheduled("m1", T0, T0 + Days(10)),
            Moved("m1", T0 + Days(2), T0 + Days(10), T0 + Days(30), Party.Mentee),
            Moved("m1", lateMove, T0 + Days(30), T0 + Days(60), Party.Mentee),
        ];

        var decisions = Climb(ledger, null, lateMove, lateMove + Days(3));

        var nudge = Assert.Single(decisions, d => d.TemplateId == TemplateIds.Nudge);
        Assert.Equal(RecipientKind.Mentee, nudge.Recipient.Kind);
        Assert.Equal("0", nudge.Facts["earlierNotes"]);
        var reminders = decisions.Where(d => d.TemplateId == TemplateIds.ValueReminder).ToDictionary(d => d.Recipient.Kind);
        Assert.Equal("1", reminders[RecipientKind.Mentee].Facts["earlierNotes"]);
        Assert.Equal("1", reminders[RecipientKind.Mentee].Facts["lateChangesByRecipient"]);
        Assert.Equal("0", reminders[RecipientKind.Mentor].Facts["earlierNotes"]);
        Assert.Equal("0", reminders[RecipientKind.Mentor].Facts["lateChangesByRecipient"]);
        Assert.Equal("1", reminders[RecipientKind.Mentor].Facts["lateChangesSinceLastMeeting"]);
    }

    [Fact]
    public void ValueReminder_JustBeforeThreeDaysAfterTheNudge_NotYet()
    {
        var decisions = Climb(PostponedTwice, null, Opened, Opened + Days(3) - Minute);

        Assert.Single(decisions);
    }

    [Fact]
    public void ValueReminder_ThreeDaysAfterTheNudge_GoesToBoth()
    {
        var decisions = Climb(PostponedTwice, null, Opened, Opened + Days(3));

        Assert.Equal(
            [(TemplateIds.Nudge, RecipientKind.Mentee), (TemplateIds.ValueReminder, RecipientKind.Mentor), (TemplateIds.ValueReminder, RecipientKind.Mentee)],
            decisions.Select(d => (d.TemplateId, d.Recipient.Kind)));
    }

    [Fact]
    public void Ladder_FullClimb_NudgeValueSponsorAdminSpacedThreeSevenFourteenDays()
    {
        var decisions = Climb(
            PostponedTwice,
            null,
            Opened,
            Opened + Days(3),
            Opened + Days(10) - Minute,
            Opened + Days(10),
            Opened + Days(24) - Minute,
            Opened + Days(24),
            Opened + Days(60));

        var steps = decisions.Where(d => d.Step is not null).GroupBy(d => d.Step!.Value).Select(g => (g.Key, g.First().TemplateId, g.First().DueAt)).ToList();
        Assert.Equal(
            [
                (0, TemplateIds.Nudge, Opened),
                (1, TemplateIds.ValueReminder, Opened + Days(3)),
                (2, TemplateIds.SponsorNote, Opened + Days(10)),
                (3, TemplateIds.AdminAlert, Opened + Days(24)),
            ],
            steps);
        Assert.Contains(decisions, d => d.TemplateId == TemplateIds.ThankYou); // m1 was finally held on day 60
    }

    [Fact]
    public void SponsorStep_NoSponsorAndNoConsent_SkippedStraightToAdmin()
    {
        var decisions = Climb(PostponedTwice, Pair(hasSponsor: false), Opened, Opened + Days(3), Opened + Days(10), Opened + Days(30));

        Assert.Equal(
            [TemplateIds.Nudge, TemplateIds.ValueReminder, TemplateIds.AdminAlert],
            decisions.Select(d => d.TemplateId).Distinct());
    }

    [Fact]
    public void SponsorStep_NoSponsorButTheMenteeConsented_GoesToTheMenteesManager()
    {
        var decisions = Climb(PostponedTwice, Pair(hasSponsor: false, menteeAllowsManager: true), Opened, Opened + Days(3), Opened + Days(10));

        var note = Assert.Single(decisions, d => d.TemplateId == TemplateIds.SponsorNote);
        Assert.Equal(new Recipient(RecipientKind.Manager, "mentee-1"), note.Recipient);
    }

    [Fact]
    public void Ladder_AMeetingBookedInsideTheCadence_PausesTheClimb()
    {
        LedgerChange[] booked = [.. PostponedTwice, Scheduled("m2", Opened + Days(1), Opened + Days(8))];

        var decisions = Climb(booked, null, Opened, Opened + Days(3), Opened + Days(5));

        Assert.Single(decisions); // the nudge went before the booking; nothing after
    }

    [Fact]
    public void Ladder_AMeetingBookedBeyondTheCadence_DoesNotPause()
    {
        LedgerChange[] farAway = [.. PostponedTwice, Scheduled("m2", Opened + Days(1), Opened + Days(40))];

        var decisions = Climb(farAway, null, Opened, Opened + Days(3));

        Assert.Contains(decisions, d => d.TemplateId == TemplateIds.ValueReminder);
    }

    [Fact]
    public void Episode_AHeldMeeting_ClosesItAndThanksThePair()
    {
        LedgerChange[] thenHeld = [.. PostponedTwice, Held("m1", Opened + Days(4), Opened + Days(4) - Hours(2))];

        var decisions = Climb(thenHeld, null, Opened, Opened + Days(4), Opened + Days(7));

        var after = decisions.Skip(1).ToList();
        Assert.All(after, d => Assert.Equal(TemplateIds.ThankYou, d.TemplateId));
        Assert.Equal(2, after.Count);
        Assert.Equal("ep-start", after[0].EpisodeKey);
        Assert.Equal("ep-after-m1", Evaluate(thenHeld, Opened + Days(7)).EpisodeKey);
    }

    [Fact]
    public void Ladder_PausedPair_DecidesNothing()
    {
        var evaluation = Evaluate(PostponedTwice, Opened + Days(1), Pair(status: Pairs.PairStatus.Paused));

        Assert.Empty(evaluation.Decisions);
        Assert.Empty(evaluation.Health.Signals);
    }

    [Fact]
    public void Ladder_BothParticipantsUnsubscribed_GoesStraightToTheAdmin()
    {
        var pair = Pair(mentorSuppressed: true, menteeSuppressed: true);

        var decisions = Climb(PostponedTwice, pair, Opened, Opened + Days(3), Opened + Days(30));

        var decision = Assert.Single(decisions);
        Assert.Equal(TemplateIds.AdminAlert, decision.TemplateId);
        Assert.Equal(RecipientKind.Admin, decision.Recipient.Kind);
    }

    [Fact]
    public void Ladder_BothStoppedOnlyCampaignAndReminders_StillNudged()
    {
        var others = EmailKinds.Campaign | EmailKinds.MeetingReminders;

        var decision = Assert.Single(Evaluate(PostponedTwice, Opened, Pair(mentorStopped: others, menteeStopped: others)).Decisions);

        Assert.Equal(TemplateIds.Nudge, decision.TemplateId);
    }

    [Fact]
    public void Ladder_BothStoppedTheLadder_GoesStraightToTheAdmin()
    {
        var pair = Pair(mentorStopped: EmailKinds.Ladder, menteeStopped: EmailKinds.Ladder);

        var decision = Assert.Single(Climb(PostponedTwice, pair, Opened, Opened + Days(3), Opened + Days(30)));

        Assert.Equal(RecipientKind.Admin, decision.Recipient.Kind);
    }

    [Fact]
    public void Ladder_ThePostponerUnsubscribed_NudgesTheOtherInstead()
    {
        var decision = Assert.Single(Evaluate(PostponedTwice, Opened, Pair(menteeSuppressed: true)).Decisions);

        Assert.Equal(RecipientKind.Mentor, decision.Recipient.Kind);
    }

    [Fact]
    public void Decisions_EvaluatedAgainWithoutHistory_SameIdempotencyKeys()
    {
        var first = Evaluate(PostponedTwice, Opened + Hours(1)).Decisions.Single();
        var later = Evaluate(PostponedTwice, Opened + Hours(5)).Decisions.Single();

        Assert.Equal(first.IdempotencyKey, later.IdempotencyKey);
    }

    [Fact]
    public void Decisions_EvaluatedAgainWithHistory_NothingNew()
    {
        var first = Evaluate(PostponedTwice, Opened).Decisions;

        Assert.Empty(Evaluate(PostponedTwice, Opened + Hours(5), history: first.AsHistory()).Decisions);
    }

    [Fact]
    public void Decisions_Facts_CarryThePairsOwnNumbers()
    {
        var facts = Evaluate(PostponedTwice, Opened).Decisions.Single().Facts;

        Assert.Equal("2", facts["postponementsSinceLastMeeting"]);
        Assert.Equal("0", facts["meetingsHeld"]);
        Assert.Equal("mentee", facts["postponedBy"]);
        Assert.Equal("14", facts["cadenceDays"]);
    }

    [Fact]
    public void NextEvaluation_WaitingForTheNextStep_IsWhenItFallsDue()
    {
        var first = Evaluate(PostponedTwice, Opened);

        var waiting = Evaluate(PostponedTwice, Opened + Hours(1), history: first.Decisions.AsHistory());

        Assert.Equal(Opened + Days(3), waiting.NextEvaluationAt);
    }
}
