using Mentoring.Application.Ingest.Matching;
using Mentoring.Application.Ingest.Normalising;
using Mentoring.Engine.Ledger;

namespace Mentoring.Tests.Calendars.Support;

/// <summary>Plays deliveries through a normaliser the way the queue handler does: aliases in, aliases out, dedupe by change id.</summary>
internal sealed class Ledger
{
    public static readonly PairIdentity Pair = new("pair-42", "maria.mentor@contoso.com", "tom.mentee@contoso.com", []);

    private readonly Func<ReadOnlyMemory<byte>, IReadOnlyDictionary<string, string>, Normalised> _normalise;
    private readonly Dictionary<string, string> _aliases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LedgerChange> _changes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _pairOfMeeting = new(StringComparer.Ordinal);

    public Ledger(Func<ReadOnlyMemory<byte>, IReadOnlyDictionary<string, string>, Normalised> normalise) => _normalise = normalise;

    public IReadOnlyDictionary<string, string> Aliases => _aliases;

    public IReadOnlyList<LedgerChange> Changes => _changes.Values.OrderBy(c => c.ChangeId, StringComparer.Ordinal).ToArray();

    public Normalised Deliver(string sample) => Deliver(Sample.Bytes(sample));

    public Normalised Deliver(byte[] body)
    {
        var result = _normalise(body, _aliases);
        foreach (var alias in result.Aliases)
            _aliases.TryAdd(alias.Key, alias.MeetingId);
        foreach (var observation in result.Observations)
        {
            var match = PairMatcher.Match(observation, [Pair], _pairOfMeeting);
            Assert.True(match.IsMatched, $"{observation.ChangeId} did not match the pair");
            _changes.TryAdd(match.Change!.ChangeId, match.Change);
            _pairOfMeeting.TryAdd(match.Change.MeetingId, match.PairId!);
        }

        return result;
    }
}
