namespace Mentoring.Application.Integration;

/// <summary>
/// A fact other systems may react to (<c>pair.at_risk</c>, <c>meeting.held</c>). <paramref name="EventId"/> is stable:
/// the same fact always has the same id, so a consumer (or Service Bus duplicate detection) can drop repeats.
/// </summary>
internal sealed record IntegrationEvent(
    string EventId,
    string Type,
    string ProgramId,
    string PairId,
    DateTimeOffset OccurredAt,
    IReadOnlyDictionary<string, string> Data)
{
    public const string PairAtRisk = "pair.at_risk";
    public const string MeetingHeld = "meeting.held";
}
