using Mentoring.Engine.Ledger;
using Mentoring.Engine.Policy;

namespace Mentoring.Engine.Meetings;

/// <summary>
/// A pair's ledger folded into meetings and change events, as it stood at one instant.
/// Duplicates (same change id) count once, and the arrival order of the changes does not matter:
/// they are ordered by when they were made, then by id.
/// The fold runs over UTC ticks: <see cref="DateTimeOffset"/> arithmetic and comparisons were most of its cost.
/// What one change does to the meetings is in Timeline.Changes.cs.
/// </summary>
internal sealed partial class Timeline
{
    private readonly LedgerChange[] _ledger;
    private readonly TimedChange[] _changes;
    private readonly int[] _distinct;
    private readonly MeetingState[] _meetings;
    private readonly ChangeEvent[] _events;
    private readonly Dictionary<string, int> _index;

    /// <summary>For a timeline that grows (<see cref="InReadingOrder"/>): the ledger positions folded so far, and the last change id folded.</summary>
    private int _folded;
    private string? _lastFoldedId;

    private Timeline(LedgerChange[] ledger, DateTimeOffset now)
    {
        _ledger = ledger;
        _changes = new TimedChange[ledger.Length];
        _distinct = new int[ledger.Length];
        _meetings = new MeetingState[ledger.Length];
        _events = new ChangeEvent[ledger.Length];
        _index = new Dictionary<string, int>(ledger.Length, StringComparer.Ordinal);
        Now = now;
        NowTicks = now.UtcTicks;
    }

    public DateTimeOffset Now { get; private set; }

    /// <summary><see cref="Now"/> in UTC ticks.</summary>
    public long NowTicks { get; private set; }

    public int MeetingCount { get; private set; }

    public int EventCount { get; private set; }

    /// <summary>Distinct changes made up to <see cref="Now"/>.</summary>
    public int ChangeCount { get; private set; }

    public ReadOnlySpan<MeetingState> Meetings => _meetings.AsSpan(0, MeetingCount);

    public ReadOnlySpan<ChangeEvent> Events => _events.AsSpan(0, EventCount);

    /// <summary>The distinct changes made up to <see cref="Now"/>, in the order they were read.</summary>
    public LedgerChange[] CopyChanges()
    {
        var changes = new LedgerChange[ChangeCount];
        for (var i = 0; i < changes.Length; i++)
            changes[i] = _ledger[_distinct[i]];
        return changes;
    }

    public static Timeline Build(IReadOnlyList<LedgerChange> ledger, DateTimeOffset now, EngagementPolicy policy)
    {
        var timeline = new Timeline(ledger as LedgerChange[] ?? [.. ledger], now);
        timeline.Fold(policy);
        return timeline;
    }

    /// <summary>
    /// A timeline over a ledger already in the order the engine reads it, folded a prefix at a time by
    /// <see cref="AdvanceTo"/>: a replay that steps through a long history folds each change once, not once per step.
    /// </summary>
    public static Timeline InReadingOrder(LedgerChange[] ordered) => new(ordered, DateTimeOffset.MinValue);

    /// <summary>
    /// Folds the changes up to position <paramref name="known"/> (all made by <paramref name="now"/>) on top of those
    /// folded before, and stands at <paramref name="now"/>: the same state <see cref="Build"/> gives for that prefix.
    /// </summary>
    public void AdvanceTo(int known, DateTimeOffset now, EngagementPolicy policy)
    {
        if (known < _folded || now < Now)
            throw new ArgumentOutOfRangeException(nameof(known), "A timeline only moves forward.");
        Now = now;
        NowTicks = now.UtcTicks;
        for (; _folded < known; _folded++)
        {
            var change = _ledger[_folded];
            if (ChangeCount > 0 && string.Equals(_lastFoldedId, change.ChangeId, StringComparison.Ordinal))
                continue;
            _lastFoldedId = change.ChangeId;
            _distinct[ChangeCount++] = _folded;
            Apply(change.ChangedAt.UtcTicks, change, policy);
        }
    }

    /// <summary>The index of the meeting with this id, or -1.</summary>
    public int IndexOf(string meetingId) => _index.GetValueOrDefault(meetingId, -1);

    /// <summary>Whether the meeting is among the pair's first <paramref name="count"/> by original start (ties by position).</summary>
    /// <remarks>
    /// Linear only in the worst case: meetings sit in the order they were booked, so the count earlier ones are
    /// mostly found among the first few.
    /// </remarks>
    public bool IsAmongFirst(int meetingIndex, int count)
    {
        var start = _meetings[meetingIndex].OriginalStart;
        var earlier = 0;
        for (var i = 0; i < MeetingCount && earlier < count; i++)
        {
            var other = _meetings[i].OriginalStart;
            if (other < start || (other == start && i < meetingIndex))
                earlier++;
        }

        return earlier < count;
    }

    private void Fold(EngagementPolicy policy)
    {
        var ledger = _ledger;
        var count = 0;
        var chronological = true; // ledgers mostly arrive in order, and then nothing is sorted
        for (var i = 0; i < ledger.Length; i++)
        {
            var at = ledger[i].ChangedAt.UtcTicks;
            if (at > NowTicks)
                continue;
            var timed = new TimedChange(at, i);
            if (chronological && count > 0 && Compare(_changes[count - 1], timed) > 0)
                chronological = false;
            _changes[count++] = timed;
        }

        if (!chronological)
            _changes.AsSpan(0, count).Sort(Compare);

        var distinct = 0;
        string? previousId = null;
        for (var i = 0; i < count; i++)
        {
            var change = ledger[_changes[i].Position];
            if (distinct > 0 && string.Equals(previousId, change.ChangeId, StringComparison.Ordinal))
                continue;
            previousId = change.ChangeId;
            _distinct[distinct++] = _changes[i].Position;
            Apply(_changes[i].At, change, policy);
        }

        ChangeCount = distinct;
    }

    /// <summary>The order a ledger is read in: when a change was made, then its id, then its kind.</summary>
    private int Compare(TimedChange a, TimedChange b)
    {
        var byTime = a.At.CompareTo(b.At);
        if (byTime != 0)
            return byTime;
        var first = _ledger[a.Position];
        var second = _ledger[b.Position];
        var byId = string.CompareOrdinal(first.ChangeId, second.ChangeId);
        return byId != 0 ? byId : ((int)first.Kind).CompareTo((int)second.Kind); // as ints: Enum.CompareTo boxes
    }
}
