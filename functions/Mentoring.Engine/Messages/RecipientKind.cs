namespace Mentoring.Engine.Messages;

public enum RecipientKind
{
    Mentor,
    Mentee,
    /// <summary>The manager of the participant named in <see cref="Recipient.ParticipantId"/>.</summary>
    Manager,
    Sponsor,
    Admin,
}
