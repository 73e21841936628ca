using Mentoring.Engine.Health;
using Mentoring.Engine.Messages;
using Mentoring.Engine.Policy;
using Mentoring.Engine.Replay;
using Mentoring.Engine.Signals;
using static Mentoring.Engine.Tests.Support.A;

namespace Mentoring.Engine.Tests.Replay;

public sealed class PairReplayTests
{
    // Weekly-ish meetings held twice, then the mentee postpones twice and cancels: the ladder climbs until day 70.
    private static readonly LedgerChange[] Quarter =
    [
        Scheduled("m1", T0, T0 + Days(2)),
        Scheduled("m2", T0 + Days(3), T0 + Days(16)),
        Scheduled("m3", T0 + Days(17), T0 + Days(30)),
        Moved("m3", T0 + Days(29), T0 + Days(30), T0 + Days(37), Party.Mentee),
        Moved("m3", T0 + Days(36), T0 + Days(37), T0 + Days(44), Party.Mentee),
        Cancelled("m3", T0 + Days(43.5), Party.Mentee, "deadline"),
    ];

    [Fact]
    public void Replay_AQuarterOfPostponing_ClimbsTheLadderInOrder()
    {
        var result = PairReplay.Run(Pair(), Quarter, EngagementPolicy.Default, T0 + Days(90));

        var ladder = result.Messages.Where(m => m.Step is not null).Select(m => m.TemplateId).Distinct();
        Assert.Equal([TemplateIds.Nudge, TemplateIds.ValueReminder, TemplateIds.SponsorNote, TemplateIds.AdminAlert], ladder);
        Assert.Equal(TemplateIds.Nudge, result.Messages[0].TemplateId);
        Assert.Equal(RecipientKind.Mentee, result.Messages[0].Recipient.Kind);
        Assert.Equal(RiskLevel.AtRisk, result.Risk.Level);
        Assert.Contains(result.Signals, s => s.Kind == SignalKind.RepeatedPostponement && s.Since == T0 + Days(36));
        Assert.Contains(result.Signals, s => s.Kind == SignalKind.LateChange);
        Assert.Contains(result.Signals, s => s.Kind == SignalKind.CancelledNotRebooked && s.Since == T0 + Days(50.5));
    }

    [Fact]
    public void Replay_EveryMessageSent_InsideWorkingHours()
    {
        var result = PairReplay.Run(Pair(), Quarter, EngagementPolicy.Default, T0 + Days(90));

        Assert.All(result.Messages, m => Assert.True(Engine.Sending.SendWindow.IsWorkingInstant(m.NotBefore, TimeZoneInfo.Utc, EngagementPolicy.Default.Sending)));
    }

    [Fact]
    public void Replay_Meetings_AsTheyStoodAtTheEnd()
    {
        var result = PairReplay.Run(Pair(), Quarter, EngagementPolicy.Default, T0 + Days(90));

        Assert.Equal(["m1", "m2", "m3"], result.Meetings.Select(m => m.Id));
        Assert.Equal((2, 2), (result.Meetings[2].TimesMoved, result.Meetings[2].Postponements));
        Assert.Equal(6, result.Changes.Count);
    }

    [Fact]
    public void Replay_HistoryLongerThanTheSteppingLimit_SteppedThroughItsLastInstantsOnly_AllMeetingsRead()
    {
        // A meeting booked every day for ~7 years, each held: more change instants than a replay steps through.
        var count = PairReplay.MaxSteppedChangeInstants + 500;
        var ledger = Enumerable.Range(0, count).SelectMany(i => MeetingHeldAt($"m{i:D5}", T0 + Days(1 + i))).ToArray();
        var asOf = T0 + Days(count + 2);

        var result = PairReplay.Run(Pair(), ledger, EngagementPolicy.Default, asOf);

        Assert.Equal(count, result.Meetings.Count);
        Assert.NotNull(result.SteppedFrom);
        var instants = ledger.Select(c => c.ChangedAt).Where(t => t <= asOf).Distinct().Order().ToArray();
        Assert.Equal(instants[^PairReplay.MaxSteppedChangeInstants], result.SteppedFrom);
        Assert.True(result.Evaluations <= 2 * PairReplay.MaxSteppedChangeInstants + 200, $"{result.Evaluations} evaluations");
        Assert.Null(PairReplay.Run(Pair(), Quarter, EngagementPolicy.Default, T0 + Days(90)).SteppedFrom);
    }

    [Fact]
    public void Replay_AHealthyPair_SendsNothing()
    {
        var everyTwoWeeks = Enumerable.Range(0, 6).SelectMany(i => MeetingHeldAt($"m{i}", T0 + Days(1 + (14 * i)))).ToArray();

        var result = PairReplay.Run(Pair(), everyTwoWeeks, EngagementPolicy.Default, T0 + Days(80));

        Assert.Empty(result.Messages);
        Assert.Equal(RiskLevel.Healthy, result.Risk.Level);
    }
}
