using Mentoring.Engine.Health;

namespace Mentoring.Engine.Programs;

/// <summary>What the program-level rules need to know of one pair (from its last evaluation).</summary>
/// <param name="PairId">The pair.</param>
/// <param name="Active">Neither paused nor ended.</param>
/// <param name="LastSetbackAt">Its last postponement or cancellation since its last held meeting.</param>
/// <param name="RiskLevel">Its risk level; null before its first evaluation.</param>
/// <param name="MeetingsHeld">Held meetings so far.</param>
/// <param name="LastMeetingAt">The start of its last held meeting.</param>
public sealed record PairActivity(
    string PairId,
    bool Active,
    DateTimeOffset? LastSetbackAt,
    RiskLevel? RiskLevel = null,
    int MeetingsHeld = 0,
    DateTimeOffset? LastMeetingAt = null);
