using Mentoring.Engine.Ledger;
using Mentoring.Engine.Messages;

namespace Mentoring.Engine.Pairs;

internal static class PairRecipients
{
    public static Recipient Of(Participant participant) =>
        new(participant.Role == Party.Mentor ? RecipientKind.Mentor : RecipientKind.Mentee, participant.Id);

    public static Recipient ManagerOf(Participant participant) => new(RecipientKind.Manager, participant.Id);

    /// <summary>The participants who still take email of the template's kind: the named party, or both.</summary>
    public static IEnumerable<Participant> Reachable(PairContext pair, string templateId, Party? only = null)
    {
        var kind = TemplateIds.KindOf(templateId);
        if (only != Party.Mentee && pair.Mentor.Takes(kind))
            yield return pair.Mentor;
        if (only != Party.Mentor && pair.Mentee.Takes(kind))
            yield return pair.Mentee;
    }
}
