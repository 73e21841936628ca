using Mentoring.Engine.Meetings;
using Mentoring.Engine.Messages;
using Mentoring.Engine.Policy;

namespace Mentoring.Engine.Signals;

/// <summary>
/// A cancellation soon after our pre-meeting reminder is the answer the reminder asked for, not a setback: it is counted
/// as honest (<see cref="PairObservation.HonestCancellations"/>).
/// </summary>
internal static class HonestCancellation
{
    /// <summary>Whether this meeting was cancelled within the grace period after our pre-meeting reminder for it.</summary>
    public static bool FollowsReminder(string meetingId, long cancelledTicks, IReadOnlyList<SentMessage> history, EngagementPolicy policy)
    {
        if (history.Count == 0)
            return false;
        var cancelledAt = Ticks.At(cancelledTicks);
        for (var i = 0; i < history.Count; i++)
        {
            var message = history[i];
            if (message.TemplateId == TemplateIds.PreMeetingReminder
                && string.Equals(message.MeetingId, meetingId, StringComparison.Ordinal)
                && message.SentAt <= cancelledAt
                && cancelledAt - message.SentAt <= policy.ReminderCancellationGrace)
            {
                return true;
            }
        }

        return false;
    }
}
