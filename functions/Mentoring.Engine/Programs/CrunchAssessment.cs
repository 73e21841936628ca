using Mentoring.Engine.Messages;

namespace Mentoring.Engine.Programs;

/// <summary>Whether a program is in a deadline season, with the numbers, and the one program-wide message it calls for.</summary>
public sealed record CrunchAssessment(
    bool Active,
    int ActivePairs,
    int PostponingPairs,
    double Share,
    IReadOnlyList<MessageDecision> Decisions);
