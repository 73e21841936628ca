using Mentoring.Engine.Messages;

namespace Mentoring.Application.Links;

/// <summary>Reads back a <see cref="Recipient.Key"/> ("mentor:p-1", "manager:p-2", "sponsor", "admin").</summary>
internal static class RecipientKeys
{
    public static Recipient? Parse(string key)
    {
        if (key == "sponsor")
            return Recipient.Sponsor;
        if (key == "admin")
            return Recipient.Admin;
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == key.Length - 1)
            return null;
        RecipientKind? kind = key[..colon] switch
        {
            "mentor" => RecipientKind.Mentor,
            "mentee" => RecipientKind.Mentee,
            "manager" => RecipientKind.Manager,
            _ => null,
        };
        return kind is { } k ? new Recipient(k, key[(colon + 1)..]) : null;
    }
}
