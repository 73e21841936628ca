namespace Mentoring.Engine.Messages;

/// <summary>Who a message goes to: a participant by id, a participant's manager, or the program's sponsor or admins.</summary>
public readonly record struct Recipient(RecipientKind Kind, string? ParticipantId)
{
    public static Recipient Sponsor => new(RecipientKind.Sponsor, null);

    public static Recipient Admin => new(RecipientKind.Admin, null);

    /// <summary>A stable text form, used in idempotency keys and caps: "mentor:p-1", "manager:p-2", "admin".</summary>
    public string Key => Kind switch
    {
        RecipientKind.Sponsor => "sponsor",
        RecipientKind.Admin => "admin",
        RecipientKind.Manager => "manager:" + ParticipantId,
        RecipientKind.Mentor => "mentor:" + ParticipantId,
        _ => "mentee:" + ParticipantId,
    };

    public override string ToString() => Key;
}
