using System.Text.RegularExpressions;
using Mentoring.Application.Ingest.Normalising;
using Mentoring.Engine.Ledger;

namespace Mentoring.Application.Ingest.Matching;

/// <summary>
/// Ties a calendar observation to one pair, in this order: a meeting already in a pair's ledger; an admin's explicit
/// series link; a program tag <c>[mentoring:&lt;pairId&gt;]</c> in the subject; both participants among organizer and
/// attendees (addresses compared case-insensitively). Anything else, or an ambiguous match, is not matched.
/// </summary>
public static partial class PairMatcher
{
    public static PairMatch Match(
        CalendarObservation observation,
        IReadOnlyCollection<PairIdentity> pairs,
        IReadOnlyDictionary<string, string>? pairOfMeeting = null)
    {
        if (pairOfMeeting is not null && pairOfMeeting.TryGetValue(observation.MeetingId, out var known)
            && pairs.FirstOrDefault(p => p.PairId == known) is { } knownPair)
            return Matched(MatchedBy.KnownMeeting, knownPair, observation);

        if (Single(pairs.Where(p => Linked(p, observation))) is { } linked)
            return Matched(MatchedBy.SeriesLink, linked, observation);

        if (observation.Subject is { } subject && ProgramTag().Match(subject) is { Success: true } tag
            && pairs.FirstOrDefault(p => string.Equals(p.PairId, tag.Groups["pair"].Value, StringComparison.OrdinalIgnoreCase)) is { } tagged)
            return Matched(MatchedBy.ProgramTag, tagged, observation);

        var people = new HashSet<string>(observation.Participants.Select(Normalise), StringComparer.Ordinal);
        return Single(pairs.Where(p => people.Contains(Normalise(p.MentorEmail)) && people.Contains(Normalise(p.MenteeEmail)))) is { } both
            ? Matched(MatchedBy.Participants, both, observation)
            : PairMatch.NotMatched;
    }

    /// <summary>Which side of the pair an address is, if either.</summary>
    public static Party? PartyOf(PairIdentity pair, string? email)
    {
        if (email is null)
            return null;
        var address = Normalise(email);
        if (address == Normalise(pair.MentorEmail))
            return Party.Mentor;
        return address == Normalise(pair.MenteeEmail) ? Party.Mentee : null;
    }

    private static PairMatch Matched(MatchedBy how, PairIdentity pair, CalendarObservation observation) =>
        new(how, pair.PairId, observation.ToLedgerChange(PartyOf(pair, observation.ChangedByEmail)));

    private static bool Linked(PairIdentity pair, CalendarObservation observation) =>
        pair.SeriesLinks.Contains(observation.MeetingId)
        || (observation.SeriesKey is { } series && pair.SeriesLinks.Contains(series));

    private static PairIdentity? Single(IEnumerable<PairIdentity> candidates)
    {
        PairIdentity? found = null;
        foreach (var candidate in candidates)
        {
            if (found is not null && found.PairId != candidate.PairId)
                return null; // ambiguous: two pairs claim it
            found = candidate;
        }

        return found;
    }

    private static string Normalise(string email) => email.Trim().ToUpperInvariant();

    [GeneratedRegex(@"\[mentoring:(?<pair>[A-Za-z0-9_\-]{1,64})\]", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex ProgramTag();
}
