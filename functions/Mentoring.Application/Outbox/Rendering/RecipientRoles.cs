namespace Mentoring.Application.Outbox.Rendering;

/// <summary>The roles a template can address; the same words as the engine's recipient kinds.</summary>
public static class RecipientRoles
{
    public const string Mentor = "mentor";
    public const string Mentee = "mentee";
    public const string Manager = "manager";
    public const string Sponsor = "sponsor";
    public const string Admin = "admin";
}
