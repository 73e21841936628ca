namespace Mentoring.Application.Outbox.Rendering;

/// <summary>Program-wide numbers for the mid-cycle, close and digest emails.</summary>
public sealed record ProgramNumbers(
    int ActivePairs,
    int MeetingsHeldThisCycle,
    int HealthyPairs,
    int WatchPairs,
    int AtRiskPairs,
    int DormantPairs,
    int PairsMetInLast30Days);
