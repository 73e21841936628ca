using Mentoring.Engine.Messages;
using Mentoring.Engine.Policy;
using Mentoring.Engine.Time;

namespace Mentoring.Engine.Sending;

/// <summary>When a message may go: never in the recipient's quiet hours, never past the weekly cap. Deferred, never dropped.</summary>
public static class SendWindow
{
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    /// <summary>The first instant at or after <paramref name="earliest"/> inside the recipient's working hours.</summary>
    public static DateTimeOffset FirstWorkingInstant(DateTimeOffset earliest, TimeZoneInfo zone, SendingPolicy policy)
    {
        if (policy.IgnoreQuietHours)
            return earliest;

        var local = TimeZoneInfo.ConvertTime(earliest, zone);
        var time = TimeOnly.FromTimeSpan(local.TimeOfDay);
        var day = DateOnly.FromDateTime(local.DateTime);
        if (IsWorkingDay(day, policy) && time >= policy.WorkdayStart && time < policy.WorkdayEnd)
            return earliest;

        if (!IsWorkingDay(day, policy) || time >= policy.WorkdayEnd)
            day = day.AddDays(1);
        for (var i = 0; i < 8 && !IsWorkingDay(day, policy); i++)
            day = day.AddDays(1);
        return WallClock.ToInstant(day, policy.WorkdayStart, zone);
    }

    /// <summary>Whether <paramref name="instant"/> falls inside the recipient's working hours.</summary>
    public static bool IsWorkingInstant(DateTimeOffset instant, TimeZoneInfo zone, SendingPolicy policy) =>
        FirstWorkingInstant(instant, zone, policy) == instant;

    /// <summary>
    /// The first instant at or after <paramref name="earliest"/> that is in working hours and, for capped templates,
    /// keeps every 7-day window at or under the recipient's cap (counting messages already decided).
    /// </summary>
    public static DateTimeOffset NotBefore(
        DateTimeOffset earliest,
        TimeZoneInfo zone,
        string recipientKey,
        string templateId,
        IReadOnlyList<SentMessage> history,
        IReadOnlyList<MessageDecision> decidedNow,
        SendingPolicy policy,
        IReadOnlyList<SentMessage>? elsewhere = null)
    {
        var at = FirstWorkingInstant(earliest, zone, policy);
        if (!TemplateIds.IsCapped(templateId))
            return at;

        var sends = CappedSendsTo(recipientKey, history, decidedNow);
        if (elsewhere is not null)
            sends.AddRange(CappedSendsTo(recipientKey, elsewhere, []));
        return CappedNotBefore(at, zone, sends, policy);
    }

    /// <summary>
    /// The first working instant at or after <paramref name="earliest"/> at which one more capped email keeps every 7-day
    /// window that contains it at or under the cap, given when the person's other capped emails went or are to go.
    /// </summary>
    public static DateTimeOffset CappedNotBefore(
        DateTimeOffset earliest, TimeZoneInfo zone, IReadOnlyList<DateTimeOffset> others, SendingPolicy policy)
    {
        var at = FirstWorkingInstant(earliest, zone, policy);
        for (var guard = 0; guard <= others.Count; guard++)
        {
            // Fewer than the cap others within 7 days on either side: every week that contains `at` stays within the cap.
            var within = 0;
            var earliestWithin = DateTimeOffset.MaxValue;
            foreach (var sent in others)
            {
                if (sent > at - Week && sent < at + Week)
                {
                    within++;
                    if (sent < earliestWithin)
                        earliestWithin = sent;
                }
            }

            if (within < policy.MaxEmailsPerPersonPerWeek)
                return at;
            at = FirstWorkingInstant(earliestWithin + Week, zone, policy);
        }

        return at;
    }

    /// <summary>Whether a capped email sent at <paramref name="sent"/> can still count against one sent at or after <paramref name="now"/>.</summary>
    public static bool StillCounts(DateTimeOffset sent, DateTimeOffset now) => sent > now - Week;

    private static List<DateTimeOffset> CappedSendsTo(
        string recipientKey, IReadOnlyList<SentMessage> history, IReadOnlyList<MessageDecision> decidedNow)
    {
        var sends = new List<DateTimeOffset>();
        foreach (var sent in history)
        {
            if (TemplateIds.IsCapped(sent.TemplateId) && sent.RecipientKey == recipientKey)
                sends.Add(sent.SentAt);
        }

        foreach (var decided in decidedNow)
        {
            if (TemplateIds.IsCapped(decided.TemplateId) && decided.Recipient.Key == recipientKey)
                sends.Add(decided.NotBefore);
        }

        return sends;
    }

    private static bool IsWorkingDay(DateOnly day, SendingPolicy policy) => policy.WorkingDays.Contains(day.DayOfWeek);

}
