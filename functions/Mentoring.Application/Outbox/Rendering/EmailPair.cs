namespace Mentoring.Application.Outbox.Rendering;

/// <summary>The pair an email is about, by first names only.</summary>
public sealed record EmailPair(string MentorFirstName, string MenteeFirstName);
