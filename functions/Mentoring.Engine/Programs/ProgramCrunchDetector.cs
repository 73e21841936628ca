using System.Globalization;
using Mentoring.Engine.Messages;
using Mentoring.Engine.Pairs;
using Mentoring.Engine.Policy;
using Mentoring.Engine.Sending;

namespace Mentoring.Engine.Programs;

/// <summary>
/// The program crunch: when 30 % or more of a program's active pairs postponed in the same 7 days, it is the deadline
/// season. Individual nudges are then held back and the sponsor and admins get one program-wide message instead; the next
/// one waits until the window that message described has passed, so the same postponements are never reported twice.
/// </summary>
public static class ProgramCrunchDetector
{
    public static CrunchAssessment Assess(
        string programId,
        IEnumerable<PairActivity> pairs,
        TimeZoneInfo programTimeZone,
        bool hasSponsor,
        IReadOnlyList<SentMessage> history,
        EngagementPolicy policy,
        DateTimeOffset now)
    {
        var active = 0;
        var postponing = 0;
        foreach (var pair in pairs)
        {
            if (!pair.Active)
                continue;
            active++;
            if (IsPostponing(pair.LastSetbackAt, policy, now))
                postponing++;
        }

        var share = active == 0 ? 0 : (double)postponing / active;
        if (!IsCrunch(active, postponing, policy))
            return new CrunchAssessment(false, active, postponing, share, []);

        var week = ISOWeek.GetYear(now.UtcDateTime).ToString(CultureInfo.InvariantCulture) + "-W"
            + ISOWeek.GetWeekOfYear(now.UtcDateTime).ToString("00", CultureInfo.InvariantCulture);
        var facts = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["programId"] = programId,
            ["activePairs"] = active.ToString(CultureInfo.InvariantCulture),
            ["postponingPairs"] = postponing.ToString(CultureInfo.InvariantCulture),
            ["sharePercent"] = Math.Round(share * 100).ToString(CultureInfo.InvariantCulture),
            ["windowDays"] = policy.CrunchWindowDays.ToString(CultureInfo.InvariantCulture),
        };
        var reason = string.Create(CultureInfo.InvariantCulture, $"{postponing} of {active} active {(active == 1 ? "pair" : "pairs")} postponed in the last {policy.CrunchWindowDays} {(policy.CrunchWindowDays == 1 ? "day" : "days")}.");
        var decisions = new List<MessageDecision>(2);
        Recipient[] recipients = hasSponsor ? [Recipient.Sponsor, Recipient.Admin] : [Recipient.Admin];
        foreach (var recipient in recipients)
        {
            var key = $"{programId}/crunch/{week}/{recipient.Key}";
            if (history.Any(h => h.IdempotencyKey == key || Reported(h, recipient, policy, now)))
                continue;
            var notBefore = SendWindow.FirstWorkingInstant(now, programTimeZone, policy.Sending);
            decisions.Add(new MessageDecision(key, TemplateIds.ProgramCrunch, recipient, now, notBefore, reason, facts));
        }

        return new CrunchAssessment(true, active, postponing, share, decisions);
    }

    /// <summary>
    /// The program as one pair's evaluation sees it: the other pairs' setbacks (from their last evaluations) and this
    /// pair's own, as of now — so the evaluation a postponement causes counts it, whatever caused the evaluation.
    /// </summary>
    public static ProgramConditions WithPair(
        ProgramConditions program, PairContext pair, DateTimeOffset? lastSetbackAt, EngagementPolicy policy, DateTimeOffset now)
    {
        if (program.CrunchActive)
            return program;
        var own = pair.Status == PairStatus.Active && IsPostponing(lastSetbackAt, policy, now) ? 1 : 0;
        return IsCrunch(program.ActivePairs, program.OtherPostponingPairs + own, policy) ? program with { CrunchActive = true } : program;
    }

    /// <summary>
    /// A crunch message to this recipient inside the current window: the setbacks it counted may still be in the window,
    /// so a new ISO week alone is no reason to write again.
    /// </summary>
    private static bool Reported(SentMessage sent, Recipient recipient, EngagementPolicy policy, DateTimeOffset now) =>
        sent.TemplateId == TemplateIds.ProgramCrunch && sent.RecipientKey == recipient.Key
        && sent.SentAt > now - TimeSpan.FromDays(policy.CrunchWindowDays);

    /// <summary>A program of at least the minimum size with at least the policy's share of its active pairs postponing.</summary>
    public static bool IsCrunch(int activePairs, int postponingPairs, EngagementPolicy policy) =>
        activePairs > 0 && activePairs >= policy.CrunchMinimumActivePairs && (double)postponingPairs / activePairs >= policy.CrunchShare;

    /// <summary>A setback inside the crunch window that ends at <paramref name="now"/>.</summary>
    public static bool IsPostponing(DateTimeOffset? lastSetbackAt, EngagementPolicy policy, DateTimeOffset now) =>
        lastSetbackAt is { } at && at > now - TimeSpan.FromDays(policy.CrunchWindowDays) && at <= now;
}
