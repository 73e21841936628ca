using System.Runtime.CompilerServices;
using Mentoring.Engine.Ladder;
using Mentoring.Engine.Ledger;
using Mentoring.Engine.Policy;

namespace Mentoring.Engine.Meetings;

/// <summary>
/// A pair's ledger folded into meetings and change events, as it stood at one instant.
/// Duplicates (same change id) count once, and the arrival order of the changes does not matter:
/// they are ordered by when they were made, then by id.
/// Each thread keeps one timeline and its working arrays for the next evaluation, so folding allocates nothing that
/// grows with the history (and nothing at all once warm): dispose it to hand it back.
/// The fold runs over UTC ticks: <see cref="DateTimeOffset"/> arithmetic and comparisons were most of its cost.
/// Its working arrays hold positions in the ledger, not the changes themselves: storing and clearing object references
/// costs a GC write barrier each.
/// </summary>
internal sealed class Timeline : IDisposable
{
    [ThreadStatic]
    private static Timeline? s_threadTimeline;

    private bool _inUse; // a fold inside a fold (none today) gets a timeline of its own

    private readonly LedgerView _ledger = new();
    private readonly ChronologicalOrder _order;
    private TimedChange[] _changes = [];
    private int _lastTouched = -1;
    private int[] _distinct = [];
    private MeetingState[] _meetings = [];
    private ChangeEvent[] _events = [];
    private readonly MeetingIndex _index = new();

    /// <summary>Episode keys, kept with the thread's timeline so that an unchanged key is not built again.</summary>
    public PrefixedKeyCache EpisodeKeys { get; } = new();

    private Timeline()
    {
        _order = new ChronologicalOrder(_ledger);
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
        // One thread-static read per evaluation: thread-static access is not free.
        var timeline = s_threadTimeline ??= new Timeline();
        if (timeline._inUse)
            timeline = new Timeline();
        timeline._inUse = true;
        try
        {
            timeline.Reset(ledger.Count, now);
            timeline._ledger.Hold(ledger);
            timeline.Fold(policy);
            return timeline;
        }
        catch
        {
            timeline.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        // Drop references to the caller's changes and strings: only the two string fields of each meeting (clearing whole
        // meetings cost more than writing two nulls).
        _ledger.Release();
        foreach (ref var meeting in _meetings.AsSpan(0, MeetingCount))
        {
            meeting.Id = null!;
            meeting.CancellationReason = null;
        }

        MeetingCount = EventCount = ChangeCount = 0;
        _inUse = false;
    }

    private void Reset(int capacity, DateTimeOffset now)
    {
        Now = now;
        NowTicks = now.UtcTicks;
        _lastTouched = -1;
        MeetingCount = EventCount = ChangeCount = 0;
        if (_changes.Length < capacity)
        {
            var size = Math.Max(capacity, 2 * _changes.Length);
            _changes = new TimedChange[size];
            _distinct = new int[size];
            _meetings = new MeetingState[size];
            _events = new ChangeEvent[size];
        }

        _index.Reset(capacity);
    }

    /// <summary>The index of the meeting with this id, or -1.</summary>
    public int IndexOf(string meetingId) => _index.Find(meetingId, MeetingIndex.Hash(meetingId), _meetings);

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
        var ledger = _ledger.Changes;
        var count = 0;
        var chronological = true; // ledgers mostly arrive in order, and then nothing is sorted
        for (var i = 0; i < ledger.Length; i++)
        {
            var at = ledger[i].ChangedAt.UtcTicks;
            if (at > NowTicks)
                continue;
            var timed = new TimedChange(at, i);
            if (chronological && count > 0 && _order.Compare(_changes[count - 1], timed) > 0)
                chronological = false;
            _changes[count++] = timed;
        }

        if (!chronological)
            _changes.AsSpan(0, count).Sort(_order);

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

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlined into the fold's inner loop: measurably faster than a call per change
    private void Apply(long changedAt, LedgerChange change, EngagementPolicy policy)
    {
        // Changes to one meeting tend to follow each other: try the meeting the last change touched before hashing. By
        // reference only: a ledger loaded with its meeting ids interned (one string per id) is recognised without reading
        // the id, and an equal id in another string is still found through the index.
        int hash = 0, index;
        if (_lastTouched >= 0 && ReferenceEquals(_meetings[_lastTouched].Id, change.MeetingId))
        {
            index = _lastTouched;
        }
        else
        {
            hash = MeetingIndex.Hash(change.MeetingId);
            index = _index.Find(change.MeetingId, hash, _meetings);
        }

        var start = Ticks.Of(change.Start);
        switch (change.Kind)
        {
            case ChangeKind.Scheduled:
                if (index < 0)
                    Add(change, hash, changedAt, start != Ticks.None ? start : changedAt, MeetingStatus.Scheduled, policy);
                else
                    Replan(index, change, start, policy);
                break;

            case ChangeKind.Rescheduled:
                if (index < 0)
                {
                    var from = Ticks.Of(change.PreviousStart);
                    index = Add(change, hash, changedAt, from != Ticks.None ? from : start != Ticks.None ? start : changedAt, MeetingStatus.Scheduled, policy);
                }

                Move(index, change, changedAt, start, policy);
                break;

            case ChangeKind.Cancelled:
                if (index < 0)
                    index = Add(change, hash, changedAt, start != Ticks.None ? start : changedAt, MeetingStatus.Scheduled, policy);
                Cancel(index, change, changedAt, policy);
                break;

            case ChangeKind.Held:
                if (index < 0)
                    index = Add(change, hash, changedAt, start != Ticks.None ? start : changedAt, MeetingStatus.Held, policy);
                ref var held = ref _meetings[index];
                held.Status = MeetingStatus.Held;
                held.HeldConfirmed = true;
                if (start != Ticks.None)
                {
                    held.Start = start;
                    held.End = change.End is { } end ? end.UtcTicks : start + policy.DefaultMeetingLength.Ticks;
                }

                break;

            case ChangeKind.NoShow:
                if (index < 0)
                    index = Add(change, hash, changedAt, start != Ticks.None ? start : changedAt, MeetingStatus.Scheduled, policy);
                ref var missed = ref _meetings[index];
                var byPerson = ChangeSources.IsPerson(change.Source);
                if (missed.Status == MeetingStatus.NoShow)
                {
                    missed.NoShowByPerson |= byPerson;
                    break;
                }

                missed.HeldBeforeNoShow = missed.Status == MeetingStatus.Held && missed.HeldConfirmed;
                missed.NoShowByPerson = byPerson;
                missed.Status = MeetingStatus.NoShow;
                missed.HeldConfirmed = false;
                AddEvent(changedAt, index, ChangeEventKind.NoShow, late: true, change.ChangedBy);
                break;

            case ChangeKind.NoShowRetracted:
                if (index >= 0)
                    RetractNoShow(index, change);
                break;
        }

        _lastTouched = index;
    }

    private int Add(LedgerChange change, int hash, long changedAt, long start, MeetingStatus status, EngagementPolicy policy)
    {
        var index = MeetingCount++;
        _index.AddNotFound(hash, index);
        var end = Ticks.Of(change.End);
        ref var meeting = ref _meetings[index];
        meeting = default;
        meeting.Id = change.MeetingId;
        meeting.OriginalStart = start;
        meeting.Start = start;
        meeting.End = end != Ticks.None && end > start ? end : start + policy.DefaultMeetingLength.Ticks;
        meeting.ScheduledAt = changedAt;
        meeting.CancelledAt = Ticks.None;
        meeting.Status = status;
        meeting.HeldConfirmed = status == MeetingStatus.Held;
        return index;
    }

    /// <summary>
    /// A booking of a meeting we already know: a cancelled one is booked again; a live one takes the new time as its plan
    /// (a whole series re-planned, say) without counting as a postponement: moves of one meeting arrive as Rescheduled.
    /// </summary>
    private void Replan(int index, LedgerChange change, long start, EngagementPolicy policy)
    {
        ref var meeting = ref _meetings[index];
        if (meeting.Status == MeetingStatus.Held && meeting.HeldConfirmed)
            return;
        var length = meeting.End - meeting.Start;
        Revive(ref meeting);
        if (start == Ticks.None)
            return;
        var end = Ticks.Of(change.End);
        meeting.Start = start;
        meeting.End = end != Ticks.None && end > start ? end : start + (length > 0 ? length : policy.DefaultMeetingLength.Ticks);
    }

    private void Move(int index, LedgerChange change, long changedAt, long to, EngagementPolicy policy)
    {
        ref var meeting = ref _meetings[index];
        if (meeting.Status == MeetingStatus.Held && meeting.HeldConfirmed)
            return; // a confirmed meeting took place; later edits to it are housekeeping

        var wasCancelled = meeting.Status == MeetingStatus.Cancelled;
        var from = meeting.Start;
        var length = meeting.End - meeting.Start;
        Revive(ref meeting);
        if (to == Ticks.None)
            return;

        var end = Ticks.Of(change.End);
        meeting.Start = to;
        meeting.End = end != Ticks.None && end > to ? end : to + length;
        if (wasCancelled || from == to)
            return;

        meeting.TimesMoved++;
        var later = to > from;
        if (later)
            meeting.Postponements++;
        AddEvent(
            changedAt,
            index,
            later ? ChangeEventKind.Postponed : ChangeEventKind.MovedEarlier,
            later && from - changedAt < policy.LateChangeWindow.Ticks,
            change.ChangedBy);
    }

    /// <summary>Booked (again): whatever cancelled it no longer holds.</summary>
    private static void Revive(ref MeetingState meeting)
    {
        meeting.Status = MeetingStatus.Scheduled;
        meeting.CancelledAt = Ticks.None;
        meeting.CancelledBy = null;
        meeting.CancellationReason = null;
    }

    private void Cancel(int index, LedgerChange change, long changedAt, EngagementPolicy policy)
    {
        ref var meeting = ref _meetings[index];
        if (meeting.Status is MeetingStatus.Cancelled or MeetingStatus.NoShow)
            return;
        if ((meeting.Status == MeetingStatus.Held && meeting.HeldConfirmed) || changedAt >= meeting.End)
            return; // removing a meeting after it ended tidies a calendar; it does not un-hold the meeting

        meeting.Status = MeetingStatus.Cancelled;
        meeting.CancelledAt = changedAt;
        meeting.CancelledBy = change.ChangedBy;
        meeting.CancellationReason = change.Reason;
        AddEvent(
            changedAt,
            index,
            ChangeEventKind.Cancelled,
            meeting.Start - changedAt < policy.LateChangeWindow.Ticks,
            change.ChangedBy);
    }

    /// <summary>
    /// A withdrawn no-show: the meeting is as it was before it (confirmed held, or booked and so presumed held once it
    /// ended) and its setback is gone. A no-show a person recorded stands unless a person withdraws it.
    /// </summary>
    private void RetractNoShow(int index, LedgerChange change)
    {
        ref var meeting = ref _meetings[index];
        if (meeting.Status != MeetingStatus.NoShow || (meeting.NoShowByPerson && !ChangeSources.IsPerson(change.Source)))
            return;
        meeting.Status = meeting.HeldBeforeNoShow ? MeetingStatus.Held : MeetingStatus.Scheduled;
        meeting.HeldConfirmed = meeting.HeldBeforeNoShow;
        meeting.NoShowByPerson = false;
        for (var i = EventCount - 1; i >= 0; i--)
        {
            if (_events[i].MeetingIndex != index || _events[i].Kind != ChangeEventKind.NoShow)
                continue;
            _events.AsSpan(i + 1, EventCount - i - 1).CopyTo(_events.AsSpan(i));
            EventCount--;
            break;
        }
    }

    private void AddEvent(long at, int meetingIndex, ChangeEventKind kind, bool late, Party? by)
    {
        // Each change adds at most one event, and the array holds as many as the ledger has changes.
        ref var added = ref _events[EventCount++];
        added.At = at;
        added.MeetingIndex = meetingIndex;
        added.Kind = kind;
        added.Late = late;
        added.By = by;
    }
}
