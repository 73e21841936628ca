namespace Mentoring.Application.Outbox.Rendering;

/// <summary>Who reads the email, and how dates must look to them.</summary>
/// <param name="DisplayName">Full name as it goes on the envelope.</param>
/// <param name="Role">One of <see cref="RecipientRoles"/>.</param>
/// <param name="TimeZoneId">IANA zone id, e.g. "Europe/Berlin".</param>
/// <param name="Culture">Culture name for dates and numbers; en-GB when not known.</param>
/// <param name="FirstName">How to greet them; the first word of the display name when not given.</param>
public sealed record EmailRecipient(
    string DisplayName,
    string Role,
    string TimeZoneId,
    string Culture = EmailRecipient.DefaultCulture,
    string? FirstName = null)
{
    public const string DefaultCulture = "en-GB";

    public string Greeting => FirstName ?? DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? DisplayName;
}
