namespace Mentoring.Engine.Programs;

/// <summary>What the program crunch needs to know of one pair (from its last evaluation).</summary>
public sealed record PairActivity(string PairId, bool Active, DateTimeOffset? LastSetbackAt);
