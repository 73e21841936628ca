using Mentoring.Engine.Messages;
using Mentoring.Engine.Pairs;
using Mentoring.Engine.Policy;
using Mentoring.Engine.Signals;

namespace Mentoring.Engine.Campaign;

/// <summary>"Not once, not twice": the cycle's campaign, dated relative to its start and end (the close email a
/// policy's <see cref="CampaignPolicy.CloseBeforeEndDays"/> before the end, so a closing conversation can still happen).</summary>
public static class CampaignSchedule
{
    private const int MomentCount = 5;

    public static IReadOnlyList<CampaignMoment> For(CycleWindow cycle, CampaignPolicy policy)
    {
        var moments = new CampaignMoment[MomentCount];
        for (var i = 0; i < MomentCount; i++)
            moments[i] = MomentAt(i, cycle, policy);
        return moments;
    }

    private static CampaignMoment MomentAt(int index, CycleWindow cycle, CampaignPolicy policy) => index switch
    {
        0 => new("before-launch", TemplateIds.CampaignBeforeLaunch, cycle.Start - TimeSpan.FromDays(policy.BeforeLaunchDays)),
        1 => new("launch", TemplateIds.CampaignLaunch, cycle.Start),
        2 => new("book-first-meeting", TemplateIds.CampaignBookFirstMeeting, cycle.Start + TimeSpan.FromDays(policy.BookFirstMeetingDays), OnlyWithoutFirstMeeting: true),
        3 => new("mid-cycle", TemplateIds.CampaignMidCycle, cycle.Middle),
        _ => new("close", TemplateIds.CampaignClose, cycle.End - TimeSpan.FromDays(policy.CloseBeforeEndDays)),
    };

    /// <summary><see cref="MomentAt"/>'s instant, in UTC ticks.</summary>
    private static long DueTicks(int index, CycleWindow cycle, CampaignPolicy policy) => index switch
    {
        0 => cycle.Start.UtcTicks - TimeSpan.FromDays(policy.BeforeLaunchDays).Ticks,
        1 => cycle.Start.UtcTicks,
        2 => cycle.Start.UtcTicks + TimeSpan.FromDays(policy.BookFirstMeetingDays).Ticks,
        3 => cycle.Start.UtcTicks + ((cycle.End - cycle.Start) / 2).Ticks,
        _ => cycle.End.UtcTicks - TimeSpan.FromDays(policy.CloseBeforeEndDays).Ticks,
    };

    /// <summary>
    /// Decides the campaign emails due for this pair's participants. Keys name the person, not the pair, so a person in
    /// two pairs gets each campaign email once.
    /// </summary>
    internal static void Decide(PairObservation seen, PairContext pair, EngagementPolicy policy, DecisionSink sink, ref Ladder.NextEvaluation next)
    {
        if (!policy.Campaign.Enabled || pair.Cycle is not { } cycle || pair.Status != PairStatus.Active)
            return;

        var now = seen.Timeline.NowTicks;
        var stale = TimeSpan.FromDays(policy.Campaign.StaleAfterDays).Ticks;
        for (var i = 0; i < MomentCount; i++)
        {
            // Dated in UTC ticks first: most moments are long past or still ahead, and become instants only if they matter.
            var due = DueTicks(i, cycle, policy.Campaign);
            if (due > now)
            {
                if (next.WouldTake(due))
                    next.Consider(MomentAt(i, cycle, policy.Campaign).DueAt);
                continue;
            }

            if (now - due > stale)
                continue; // a pair that joined late does not get last month's launch email

            var moment = MomentAt(i, cycle, policy.Campaign);
            if (moment.OnlyWithoutFirstMeeting && HasLiveMeeting(seen))
                continue;

            foreach (var participant in PairRecipients.Reachable(pair, moment.TemplateId))
            {
                var recipient = PairRecipients.Of(participant);
                sink.Add(
                    $"campaign/{cycle.Id}/{moment.Name}/{participant.Id}",
                    moment.TemplateId,
                    recipient,
                    moment.DueAt,
                    "Cycle campaign: " + moment.Name + ".");
            }
        }
    }

    private static bool HasLiveMeeting(PairObservation seen) => seen.MeetingsHeld > 0 || seen.NextUpcomingIndex >= 0;
}
