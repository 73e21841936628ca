using System.Globalization;
using Mentoring.Engine.Messages;
using Mentoring.Engine.Policy;
using Mentoring.Engine.Sending;
using Mentoring.Engine.Time;

namespace Mentoring.Engine.Programs;

/// <summary>
/// The weekly admin digest: once a week, on the policy's <see cref="EngagementPolicy.DigestDay"/> at the start of the
/// working day in the program's zone, the admins get the program's numbers and the pairs that need a human. A digest
/// found more than a day after its moment (the sweep did not run, or the program is new) is skipped: the next is a week away.
/// <para>
/// None goes before the current cycle's first day: until then no pair has started, so the digest could only report a
/// week that did not happen ("10 active pairs, 100% healthy, no pair needs a human"), and an admin taught by it that the
/// digest says nothing stops reading it before it matters. The first digest is the one on or after the launch day.
/// </para>
/// </summary>
public static class AdminDigest
{
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);
    private static readonly TimeSpan FoundLate = TimeSpan.FromDays(1);

    /// <summary>
    /// This week's digest when it is due and not decided yet; otherwise null. <paramref name="cycleStart"/> is the start
    /// of the program's current cycle, if it has one: no digest on a day before it.
    /// </summary>
    public static MessageDecision? Decide(
        string programId,
        ProgramSummary summary,
        TimeZoneInfo programTimeZone,
        DateTimeOffset? cycleStart,
        IReadOnlyList<SentMessage> history,
        EngagementPolicy policy,
        DateTimeOffset now)
    {
        if (policy.DigestDay is not { } day || LastMoment(day, programTimeZone, policy, now) is not { } moment || now - moment >= FoundLate)
            return null;
        if (cycleStart is { } start && LocalDate(moment, programTimeZone) < LocalDate(start, programTimeZone))
            return null;

        var local = TimeZoneInfo.ConvertTime(moment, programTimeZone).DateTime;
        var week = ISOWeek.GetYear(local).ToString(CultureInfo.InvariantCulture) + "-W"
            + ISOWeek.GetWeekOfYear(local).ToString("00", CultureInfo.InvariantCulture);
        var key = $"{programId}/digest/{week}/{Recipient.Admin.Key}";
        foreach (var sent in history)
        {
            if (string.Equals(sent.IdempotencyKey, key, StringComparison.Ordinal))
                return null;
        }

        var facts = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["programId"] = programId,
            ["weekStart"] = (moment - Week).ToString("O", CultureInfo.InvariantCulture),
            ["weekEnd"] = moment.ToString("O", CultureInfo.InvariantCulture),
            ["activePairs"] = Number(summary.ActivePairs),
            ["healthyPairs"] = Number(summary.Healthy),
            ["watchPairs"] = Number(summary.Watch),
            ["atRiskPairs"] = Number(summary.AtRisk),
            ["dormantPairs"] = Number(summary.Dormant),
            ["pairsMetInLast30Days"] = Number(summary.MetInLast30Days),
        };
        var reason = string.Create(
            CultureInfo.InvariantCulture, $"The weekly digest: {summary.AtRisk + summary.Dormant} of {summary.ActivePairs} active pairs at risk or dormant.");
        var notBefore = SendWindow.FirstWorkingInstant(now, programTimeZone, policy.Sending);
        return new MessageDecision(key, TemplateIds.AdminDigest, Recipient.Admin, moment, notBefore, reason, facts);
    }

    /// <summary>The latest digest moment at or before <paramref name="now"/>: the digest day, at the start of the working day.</summary>
    internal static DateTimeOffset? LastMoment(DayOfWeek day, TimeZoneInfo zone, EngagementPolicy policy, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        for (var back = 0; back <= 7; back++)
        {
            var date = today.AddDays(-back);
            if (date.DayOfWeek != day)
                continue;
            var moment = WallClock.ToInstant(date, policy.Sending.WorkdayStart, zone);
            if (moment <= now)
                return moment;
        }

        return null;
    }

    private static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
