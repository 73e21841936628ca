namespace Mentoring.Engine.Campaign;

/// <summary>One dated email of a cycle's positioning campaign.</summary>
/// <param name="Name">Short stable name, used in idempotency keys.</param>
/// <param name="TemplateId">The template it renders.</param>
/// <param name="DueAt">When it is due.</param>
/// <param name="OnlyWithoutFirstMeeting">Goes only to pairs that have not booked or held a meeting yet.</param>
public readonly record struct CampaignMoment(string Name, string TemplateId, DateTimeOffset DueAt, bool OnlyWithoutFirstMeeting = false);
