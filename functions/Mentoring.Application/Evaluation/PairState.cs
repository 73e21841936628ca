using System.Text.Json;
using Azure.Data.Tables;
using Mentoring.Application.Storage;
using Mentoring.Engine.Health;

namespace Mentoring.Application.Evaluation;

/// <summary>The state a pair's last evaluation left, and the ids of the evaluations already applied.</summary>
internal sealed record PairState(
    DateTimeOffset EvaluatedAt,
    DateTimeOffset NextEvaluationAt,
    RiskLevel RiskLevel,
    int Score,
    int MeetingsHeld,
    DateTimeOffset? LastSetbackAt,
    string EpisodeKey,
    IReadOnlyList<string> AppliedEvaluations);

/// <summary>The pair's evaluation state row ("state" in its partition).</summary>
internal static class PairStateRows
{
    public const string RowKey = "state";

    public static TableEntity ToEntity(string partition, PairState s) => new(partition, RowKey)
    {
        ["EvaluatedAt"] = s.EvaluatedAt,
        ["NextEvaluationAt"] = s.NextEvaluationAt,
        ["RiskLevel"] = s.RiskLevel.ToString(),
        ["Score"] = s.Score,
        ["MeetingsHeld"] = s.MeetingsHeld,
        ["LastSetbackAt"] = s.LastSetbackAt,
        ["EpisodeKey"] = s.EpisodeKey,
        ["AppliedEvaluations"] = JsonSerializer.Serialize(s.AppliedEvaluations, StorageJson.Options),
    };

    public static PairState ToState(TableEntity e) => new(
        e.GetDateTimeOffset("EvaluatedAt") ?? default,
        e.GetDateTimeOffset("NextEvaluationAt") ?? default,
        Enum.TryParse<RiskLevel>(e.GetString("RiskLevel"), out var level) ? level : RiskLevel.Healthy,
        e.GetInt32("Score") ?? 100,
        e.GetInt32("MeetingsHeld") ?? 0,
        e.GetDateTimeOffset("LastSetbackAt"),
        e.GetString("EpisodeKey") ?? "",
        JsonSerializer.Deserialize<List<string>>(e.GetString("AppliedEvaluations") ?? "[]", StorageJson.Options) ?? []);
}
