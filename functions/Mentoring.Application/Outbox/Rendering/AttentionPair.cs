namespace Mentoring.Application.Outbox.Rendering;

/// <summary>One pair the admin digest lists because it needs a human.</summary>
public sealed record AttentionPair(
    string MentorFirstName,
    string MenteeFirstName,
    string RiskLevel,
    int HealthScore,
    int DaysSinceLastMeeting,
    string Reason,
    string TimelineUrl,
    Engine.Signals.Signal? MainSignal = null);
