using System.Globalization;
using Mentoring.Engine.Messages;
using Mentoring.Engine.Pairs;
using Mentoring.Engine.Policy;
using Mentoring.Engine.Signals;

namespace Mentoring.Engine.Campaign;

/// <summary>A reminder the day before each booked meeting, where the program turns them on.</summary>
internal static class PreMeetingReminders
{
    public static void Decide(PairObservation seen, PairContext pair, EngagementPolicy policy, DecisionSink sink, ref Ladder.NextEvaluation next)
    {
        if (!policy.Campaign.PreMeetingReminders || pair.Status != PairStatus.Active)
            return;

        var now = seen.Timeline.Now;
        var nowTicks = seen.Timeline.NowTicks;
        foreach (var meeting in seen.Timeline.Meetings)
        {
            if (!meeting.IsUpcomingAt(nowTicks) || meeting.Start <= nowTicks)
                continue;
            var start = meeting.StartAt;
            var due = start - policy.Campaign.ReminderLead;
            if (due > now)
            {
                next.Consider(due);
                continue;
            }

            Dictionary<string, string>? facts = null;
            foreach (var participant in PairRecipients.Reachable(pair, TemplateIds.PreMeetingReminder))
            {
                var recipient = PairRecipients.Of(participant);
                var key = $"{pair.PairId}/reminder/{meeting.Id}/{meeting.Start.ToString(CultureInfo.InvariantCulture)}/{recipient.Key}";
                if (sink.AlreadyDecided(key) || sink.NotBefore(recipient, TemplateIds.PreMeetingReminder, due) >= start)
                    continue; // a reminder that could only arrive after the start is no reminder
                facts ??= new Dictionary<string, string>(sink.PairFacts, StringComparer.Ordinal)
                {
                    ["meetingStart"] = start.ToString("O", CultureInfo.InvariantCulture),
                    ["meetingEnd"] = meeting.EndAt.ToString("O", CultureInfo.InvariantCulture),
                };
                sink.Add(key, TemplateIds.PreMeetingReminder, recipient, due, "A meeting is coming up: the reminder before it.", facts, meetingId: meeting.Id);
            }
        }
    }
}
