using Mentoring.Engine.Meetings;
using Mentoring.Engine.Policy;

namespace Mentoring.Engine.Booking;

/// <summary>
/// The times a booking page proposes: inside both participants' working hours (the program's working days and hours, each
/// in their own zone), from a few days before the cadence's due date on, clear of the pair's meetings still standing,
/// at most two a day so the choice spans several days. Pure: the same facts give the same proposals.
/// </summary>
public static class BookingSlots
{
    public const int MaxProposals = 6;

    /// <summary>Proposals start on the half hour.</summary>
    public static readonly TimeSpan Step = TimeSpan.FromMinutes(30);

    /// <summary>Nobody is offered a time sooner than this: an invitation needs a moment to be read.</summary>
    public static readonly TimeSpan MinimumNotice = TimeSpan.FromHours(4);

    /// <summary>Proposals may begin this many days before the due date (meeting a little early is fine).</summary>
    public const int DaysBeforeDue = 3;

    /// <summary>How far after the first possible day the search looks.</summary>
    public const int SearchDays = 21;

    /// <summary>A second proposal on the same day comes at least this long after the first (a morning and an afternoon).</summary>
    private static readonly TimeSpan SameDayGap = TimeSpan.FromHours(3);

    /// <summary>When the pair's next meeting is due: one cadence after the last held meeting, else after the pair started.</summary>
    public static DateTimeOffset DueDate(DateTimeOffset? lastHeldStart, DateTimeOffset pairStartedAt, EngagementPolicy policy) =>
        (lastHeldStart ?? pairStartedAt) + policy.Cadence;

    /// <summary>The pair's last held meeting's start, as the ledger stands.</summary>
    public static DateTimeOffset? LastHeldStart(IEnumerable<Meeting> meetings) =>
        meetings.Where(m => m.Status == MeetingStatus.Held).Select(m => (DateTimeOffset?)m.Start).Max();

    /// <summary>Up to <see cref="MaxProposals"/> starts (UTC), earliest first; none when the two working weeks never overlap.</summary>
    public static IReadOnlyList<DateTimeOffset> Propose(
        TimeZoneInfo mentorZone, TimeZoneInfo menteeZone, IEnumerable<Meeting> meetings, DateTimeOffset due, DateTimeOffset now, EngagementPolicy policy)
    {
        var length = policy.DefaultMeetingLength;
        var from = RoundUp(Max(now + MinimumNotice, due.AddDays(-DaysBeforeDue)));
        var until = from.AddDays(SearchDays);
        var busy = meetings
            .Where(m => m.Status is not (MeetingStatus.Cancelled or MeetingStatus.NoShow) && m.End > from && m.Start < until + length)
            .Select(m => (m.Start, m.End))
            .ToList();

        var proposals = new List<DateTimeOffset>(MaxProposals);
        for (var start = from; start < until && proposals.Count < MaxProposals; start += Step)
        {
            var end = start + length;
            if (!Working(start, end, mentorZone, policy.Sending) || !Working(start, end, menteeZone, policy.Sending)
                || busy.Any(b => b.Start < end && start < b.End))
                continue;
            var sameDay = proposals.Where(p => p.UtcDateTime.Date == start.UtcDateTime.Date).ToList();
            if (sameDay.Count >= 2 || sameDay.Any(p => start - p < SameDayGap))
                continue;
            proposals.Add(start);
        }

        return proposals;
    }

    /// <summary>Whether the meeting lies inside one working day in the zone (a working weekday, between its hours).</summary>
    public static bool Working(DateTimeOffset start, DateTimeOffset end, TimeZoneInfo zone, SendingPolicy hours)
    {
        var localStart = TimeZoneInfo.ConvertTime(start, zone);
        var localEnd = TimeZoneInfo.ConvertTime(end, zone);
        return localStart.Date == localEnd.Date
            && hours.WorkingDays.Contains(localStart.DayOfWeek)
            && TimeOnly.FromTimeSpan(localStart.TimeOfDay) >= hours.WorkdayStart
            && TimeOnly.FromTimeSpan(localEnd.TimeOfDay) <= hours.WorkdayEnd;
    }

    private static DateTimeOffset RoundUp(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        var rest = utc.Ticks % Step.Ticks;
        return rest == 0 ? utc : utc.AddTicks(Step.Ticks - rest);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;
}
