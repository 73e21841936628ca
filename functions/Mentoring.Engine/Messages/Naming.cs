namespace Mentoring.Engine.Messages;

/// <summary>
/// Whose names an email may carry. The pair's own people and the program's admins see the pair's names. A manager is
/// written to only because their report agreed to it, so they see that one name and not the partner's. A sponsor sees
/// none: no participant agreed to be named to the sponsor, and the need of the pair is enough to act on.
/// </summary>
public static class Naming
{
    public static bool MayName(Recipient recipient, string participantId, bool allowsManagerNotes) => recipient.Kind switch
    {
        RecipientKind.Mentor or RecipientKind.Mentee or RecipientKind.Admin => true,
        RecipientKind.Manager => allowsManagerNotes && string.Equals(participantId, recipient.ParticipantId, StringComparison.Ordinal),
        _ => false,
    };
}
