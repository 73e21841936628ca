using System.Globalization;
using Mentoring.Engine.Health;
using Mentoring.Engine.Pairs;
using Mentoring.Engine.Policy;
using Mentoring.Engine.Signals;

namespace Mentoring.Engine;

/// <summary>The pair's own numbers, as the facts every message template can use.</summary>
internal static class PairFacts
{
    public static IReadOnlyDictionary<string, string> Of(
        PairObservation seen, PairContext pair, PairHealth health, ProgramConditions program, EngagementPolicy policy)
    {
        var now = seen.Timeline.Now;
        var facts = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["pairId"] = pair.PairId,
            ["programId"] = pair.ProgramId,
            ["cadenceDays"] = Number(policy.CadenceDays),
            ["meetingsHeld"] = Number(seen.MeetingsHeld),
            ["postponementsSinceLastMeeting"] = Number(seen.Setbacks),
            ["lateChangesSinceLastMeeting"] = Number(seen.LateSetbacks),
            ["daysSinceLastMeeting"] = Number(DaysSince(seen.Reference, now)),
            ["streak"] = Number(seen.Streak),
            ["healthScore"] = Number(health.Score),
            ["riskLevel"] = health.Level.ToString(),
            ["reason"] = health.MainReason,
            ["postponedBy"] = seen.LastSetbackBy?.ToString().ToLowerInvariant() ?? "",
            ["lastMeetingAt"] = Instant(seen.LastHeldStart),
            ["nextMeetingAt"] = Instant(seen.NextUpcomingStart),
            ["programActivePairs"] = Number(program.ActivePairs),
            ["programMeetingsHeld"] = Number(program.MeetingsHeldThisCycle),
        };
        if (health.MainSignal is { } main)
        {
            // The main signal itself, so that a reader in another language gets the reason in theirs.
            facts["reasonKind"] = main.Kind.ToString();
            facts["reasonCount"] = Number(main.Count);
            facts["reasonNeverMet"] = main.NeverMet ? "true" : "false";
            facts["reasonParty"] = main.Party?.ToString() ?? "";
        }

        if (pair.Cycle is { } cycle)
        {
            facts["cycleId"] = cycle.Id;
            facts["cycleStart"] = Instant(cycle.Start);
            facts["cycleEnd"] = Instant(cycle.End);
        }

        return facts;
    }

    /// <summary>Whole days from <paramref name="then"/> to now; none before a pair's start (a preview of a pair yet to begin).</summary>
    private static int DaysSince(DateTimeOffset then, DateTimeOffset now) => Math.Max(0, (int)(now - then).TotalDays);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Instant(DateTimeOffset? value) => value?.ToString("O", CultureInfo.InvariantCulture) ?? "";
}
