using Mentoring.Application.Ingest.Matching;
using Mentoring.Application.Ingest.Normalising;
using Mentoring.Application.Ingest.Webhooks;
using Mentoring.Engine.Ledger;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mentoring.Application.Ingest;

/// <summary>
/// The shared tail of every calendar source: normalise with the aliases the keys lead to, record new aliases, match each
/// observation to a pair of the source's program only (known meeting, series link, program tag, both participants: a
/// calendar connected in program A, or A's webhook route, never writes into program B), keep the unmatched to be matched
/// again when pairs change (until they expire), and append each pair's changes through <see cref="CalendarChangeHandler"/> (insert-if-absent by
/// change id, then an evaluation). Duplicate and out-of-order deliveries converge: ids do not depend on order.
/// </summary>
internal sealed partial class LedgerIngest(
    MeetingStore meetings,
    PairDirectory directory,
    CalendarChangeHandler changes,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<LedgerIngest> logger)
{
    /// <summary>An observation that matched no pair is tried again against pairs read no longer ago than this.</summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(5);

    private static readonly Dictionary<string, string> NoAliases = new(0);

    /// <summary>
    /// Runs one unit of work for a provider whose aliases decide more than a meeting's id (Zoom's nearest booking; Graph's
    /// and Google's bookings and occurrences): normalised without aliases to learn its keys, then again with those they
    /// lead to. Returns the normaliser's verdict (Invalid: the caller parks the message).
    /// </summary>
    public async Task<Normalised> IngestAsync(
        string deliveryId, string source, string programId, Func<IReadOnlyDictionary<string, string>, Normalised> normalise, CancellationToken ct)
    {
        var first = normalise(NoAliases);
        if (first.Status != NormalisedStatus.Parsed)
            return first;

        var aliases = await meetings.LoadAliasesAsync(KeysOf(first), ct);
        var result = aliases.Count == 0 ? first : normalise(aliases);
        await meetings.AddAliasesAsync(result.Aliases, ct);
        await AppendAsync(deliveryId, source, programId, result.Observations, ct);
        return result;
    }

    /// <summary>
    /// Runs one unit of work for a delivery normalised once, whose aliases only rename meetings (Cal.com, Calendly): the
    /// aliases its keys lead to resolve its meeting ids (<see cref="Normalised.ResolvedThrough"/>).
    /// </summary>
    public async Task<Normalised> IngestAsync(string deliveryId, string source, string programId, Normalised normalised, CancellationToken ct)
    {
        if (normalised.Status != NormalisedStatus.Parsed)
            return normalised;

        var aliases = await meetings.LoadAliasesAsync(KeysOf(normalised), ct);
        var result = aliases.Count == 0 ? normalised : normalised.ResolvedThrough(aliases);
        await meetings.AddAliasesAsync(result.Aliases, ct);
        await AppendAsync(deliveryId, source, programId, result.Observations, ct);
        return result;
    }

    private static IEnumerable<string> KeysOf(Normalised normalised) =>
        normalised.Observations.SelectMany(o => new[] { o.MeetingId, o.SeriesKey })
            .Concat(normalised.Aliases.SelectMany(a => new[] { a.Key, a.MeetingId }))
            .OfType<string>();

    /// <summary>
    /// Matches observations to pairs and appends each pair's changes. What matches no pair against a directory read more
    /// than <see cref="FreshFor"/> ago is tried again against a fresh one (a pair created on another instance a moment
    /// ago); what still matches none is kept (<see cref="MeetingStore.KeepUnmatchedAsync"/>) until it expires, and matched
    /// again when pairs or participants change (<see cref="RematchAsync"/>): nothing a provider delivered is lost
    /// because its pair was not known yet. A failure to keep it propagates: the queue retries the delivery.
    /// </summary>
    public async Task AppendAsync(string deliveryId, string source, string programId, IReadOnlyList<CalendarObservation> observations, CancellationToken ct)
    {
        if (observations.Count == 0)
            return;
        var unmatched = await MatchAsync(deliveryId, programId, observations, await directory.GetAsync(ct), ct);
        if (unmatched.Count > 0)
            unmatched = await MatchAsync(deliveryId, programId, unmatched, await directory.GetAsync(FreshFor, ct), ct);
        if (unmatched.Count == 0)
            return;

        var now = time.GetUtcNow();
        foreach (var observation in unmatched)
            await meetings.KeepUnmatchedAsync(deliveryId, programId, observation, now + options.Value.KeepUnmatchedFor, ct);
        await meetings.CountUnmatchedAsync(source, unmatched.Count, now, ct);
        LogUnmatched(deliveryId, source, unmatched.Count);
    }

    /// <summary>
    /// Matches the kept observations again against the pairs of their program as they are now: those that match are
    /// appended and dropped from the kept ones, those past their expiry are dropped unmatched.
    /// </summary>
    public async Task<int> RematchAsync(CancellationToken ct)
    {
        var kept = await meetings.KeptUnmatchedAsync(ct);
        if (kept.Count == 0)
            return 0;
        var now = time.GetUtcNow();
        var snapshot = await directory.GetAsync(TimeSpan.Zero, ct);
        var matched = 0;
        foreach (var (rowKey, deliveryId, programId, observation, expiresAt) in kept)
        {
            var left = programId is null ? [observation] : await MatchAsync(deliveryId, programId, [observation], snapshot, ct);
            if (left.Count == 0)
                matched++;
            if (left.Count == 0 || expiresAt <= now)
                await meetings.DropUnmatchedAsync(rowKey, ct);
        }

        LogRematched(kept.Count, matched);
        return matched;
    }

    /// <summary>Appends what matches a pair of the program; returns what does not.</summary>
    private async Task<List<CalendarObservation>> MatchAsync(
        string deliveryId, string programId, IReadOnlyList<CalendarObservation> observations, PairDirectory.Snapshot snapshot, CancellationToken ct)
    {
        var known = await meetings.PairsOfAsync(observations.Select(o => o.MeetingId), ct);
        // A meeting first matched in another program says nothing about this one's pairs.
        var pairOfMeeting = known.Where(k => k.Value.ProgramId == programId)
            .ToDictionary(k => k.Key, k => k.Value.PairId, StringComparer.Ordinal);
        var pairs = snapshot.Of(programId);

        var byPair = new Dictionary<PairRef, List<LedgerChange>>();
        var unmatched = new List<CalendarObservation>();
        foreach (var observation in observations)
        {
            var match = PairMatcher.Match(observation, pairs, pairOfMeeting);
            if (!match.IsMatched)
            {
                unmatched.Add(observation);
                continue;
            }

            var pair = new PairRef(programId, match.PairId!);

            if (!byPair.TryGetValue(pair, out var list))
                byPair[pair] = list = [];
            list.Add(match.Change!);
            if (!known.ContainsKey(observation.MeetingId))
                await meetings.RecordPairAsync(observation.MeetingId, pair, ct);
            pairOfMeeting[observation.MeetingId] = pair.PairId;
        }

        foreach (var (pair, list) in byPair)
            await changes.HandleAsync(new CalendarChanges($"{deliveryId}/{pair.ProgramId}/{pair.PairId}", pair.ProgramId, pair.PairId, list), ct);
        return unmatched;
    }

    [LoggerMessage(4101, LogLevel.Information, "Delivery {DeliveryId} from {Source}: {Count} observations matched no pair; kept to be matched again")]
    private partial void LogUnmatched(string deliveryId, string source, int count);

    [LoggerMessage(4102, LogLevel.Information, "Rematch: {Matched} of {Kept} kept observations now match a pair")]
    private partial void LogRematched(int kept, int matched);
}
