using System.Globalization;
using Mentoring.Application.Evaluation;
using Mentoring.Engine;
using Mentoring.Engine.Health;

namespace Mentoring.Application.Integration;

/// <summary>The events an evaluation raises, by comparing it with the state the last one left.</summary>
internal static class IntegrationEvents
{
    public static List<IntegrationEvent> Of(string programId, string pairId, PairState? before, PairEvaluation after)
    {
        var events = new List<IntegrationEvent>();
        var level = after.Health.Level;
        if (level >= RiskLevel.AtRisk && (before is null || before.RiskLevel < level))
        {
            events.Add(new IntegrationEvent(
                $"{programId}/{pairId}/{IntegrationEvent.PairAtRisk}/{after.EpisodeKey}/{level}",
                IntegrationEvent.PairAtRisk,
                programId,
                pairId,
                after.EvaluatedAt,
                new SortedDictionary<string, string>(StringComparer.Ordinal)
                {
                    ["riskLevel"] = level.ToString(),
                    ["previousRiskLevel"] = before?.RiskLevel.ToString() ?? "",
                    ["healthScore"] = after.Health.Score.ToString(CultureInfo.InvariantCulture),
                    ["reasons"] = string.Join(" ", after.Health.Reasons),
                }));
        }

        if (after.MeetingsHeld > (before?.MeetingsHeld ?? 0) && after.LastMeetingAt is { } heldAt)
        {
            var count = after.MeetingsHeld.ToString(CultureInfo.InvariantCulture);
            events.Add(new IntegrationEvent(
                $"{programId}/{pairId}/{IntegrationEvent.MeetingHeld}/{count}",
                IntegrationEvent.MeetingHeld,
                programId,
                pairId,
                heldAt,
                new SortedDictionary<string, string>(StringComparer.Ordinal)
                {
                    ["meetingsHeld"] = count,
                    ["heldAt"] = heldAt.ToString("O", CultureInfo.InvariantCulture),
                }));
        }

        return events;
    }
}
