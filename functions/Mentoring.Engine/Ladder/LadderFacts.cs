using System.Globalization;
using Mentoring.Engine.Messages;
using Mentoring.Engine.Signals;

namespace Mentoring.Engine.Ladder;

/// <summary>
/// A ladder email's facts for its one reader: the pair's facts, plus how many of this episode's notes already went to
/// that person (<c>earlierNotes</c>: "we wrote to you before" only when we did) and how many of the late changes they
/// made themselves (<c>lateChangesByRecipient</c>: the late-change line goes to whoever made the change).
/// </summary>
internal static class LadderFacts
{
    public const string EarlierNotes = "earlierNotes";
    public const string LateChangesByRecipient = "lateChangesByRecipient";

    public static IReadOnlyDictionary<string, string> For(
        IReadOnlyDictionary<string, string> pairFacts, Recipient recipient, string episodeKey, IReadOnlyList<SentMessage> history, PairObservation seen)
    {
        var now = seen.Timeline.Now;
        var recipientKey = recipient.Key;
        var earlier = 0;
        for (var i = 0; i < history.Count; i++)
        {
            var sent = history[i];
            if (sent.Step is not null && sent.SentAt <= now
                && string.Equals(sent.EpisodeKey, episodeKey, StringComparison.Ordinal)
                && string.Equals(sent.RecipientKey, recipientKey, StringComparison.Ordinal))
                earlier++;
        }

        var late = recipient.Kind switch
        {
            RecipientKind.Mentor => seen.MentorLateSetbacks,
            RecipientKind.Mentee => seen.MenteeLateSetbacks,
            _ => 0,
        };
        var facts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in pairFacts)
            facts[key] = value;
        facts[EarlierNotes] = earlier.ToString(CultureInfo.InvariantCulture);
        facts[LateChangesByRecipient] = late.ToString(CultureInfo.InvariantCulture);
        return facts;
    }
}
