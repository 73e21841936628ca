using Mentoring.Application.Calendars.Matching;
using Mentoring.Application.Calendars.Normalising;
using Mentoring.Application.Engagement;
using Mentoring.Application.Queues;
using Mentoring.Engine.Ledger;
using Microsoft.Extensions.Logging;

namespace Mentoring.Application.Calendars.Ingest;

/// <summary>
/// The shared tail of every calendar source: normalise with the aliases the keys lead to, record new aliases, match each
/// observation to a pair (known meeting, series link, program tag, both participants), count the unmatched (nothing else
/// about them is kept), and append each pair's changes through <see cref="CalendarChangeHandler"/> (insert-if-absent by
/// change id, then an evaluation). Duplicate and out-of-order deliveries converge: ids do not depend on order.
/// </summary>
internal sealed partial class LedgerIngest(
    MeetingStore meetings, PairDirectory directory, CalendarChangeHandler changes, TimeProvider time, ILogger<LedgerIngest> logger)
{
    private static readonly Dictionary<string, string> NoAliases = new(0);

    /// <summary>Runs one unit of work; returns the normaliser's verdict (Invalid: the caller parks the message).</summary>
    public async Task<Normalised> IngestAsync(
        string deliveryId, string source, Func<IReadOnlyDictionary<string, string>, Normalised> normalise, CancellationToken ct)
    {
        var first = normalise(NoAliases);
        if (first.Status != NormalisedStatus.Parsed)
            return first;

        var keys = first.Observations.SelectMany(o => new[] { o.MeetingId, o.SeriesKey })
            .Concat(first.Aliases.SelectMany(a => new[] { a.Key, a.MeetingId }))
            .OfType<string>();
        var aliases = await meetings.LoadAliasesAsync(keys, ct);
        var result = aliases.Count == 0 ? first : normalise(aliases);
        await meetings.AddAliasesAsync(result.Aliases, ct);
        await AppendAsync(deliveryId, source, result.Observations, ct);
        return result;
    }

    /// <summary>Matches observations to pairs and appends each pair's changes.</summary>
    public async Task AppendAsync(string deliveryId, string source, IReadOnlyList<CalendarObservation> observations, CancellationToken ct)
    {
        if (observations.Count == 0)
            return;
        var known = await meetings.PairsOfAsync(observations.Select(o => o.MeetingId), ct);
        var snapshot = await directory.GetAsync(ct);
        var pairOfMeeting = known.ToDictionary(k => k.Key, k => k.Value.PairId, StringComparer.Ordinal);

        var byPair = new Dictionary<PairRef, List<LedgerChange>>();
        var unmatched = 0;
        foreach (var observation in observations)
        {
            var match = PairMatcher.Match(observation, snapshot.Pairs, pairOfMeeting);
            if (!match.IsMatched || !snapshot.Refs.TryGetValue(match.PairId!, out var pair))
            {
                unmatched++;
                continue;
            }

            if (!byPair.TryGetValue(pair, out var list))
                byPair[pair] = list = [];
            list.Add(match.Change!);
            if (!known.ContainsKey(observation.MeetingId))
                await meetings.RecordPairAsync(observation.MeetingId, pair, ct);
            pairOfMeeting[observation.MeetingId] = pair.PairId;
        }

        if (unmatched > 0)
        {
            await meetings.CountUnmatchedAsync(source, unmatched, time.GetUtcNow(), ct);
            LogUnmatched(deliveryId, source, unmatched);
        }

        foreach (var (pair, list) in byPair)
            await changes.HandleAsync(new CalendarChanges($"{deliveryId}/{pair.ProgramId}/{pair.PairId}", pair.ProgramId, pair.PairId, list), ct);
    }

    [LoggerMessage(3101, LogLevel.Information, "Delivery {DeliveryId} from {Source}: {Count} observations matched no pair; counted, not stored")]
    private partial void LogUnmatched(string deliveryId, string source, int count);
}
