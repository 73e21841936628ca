using Mentoring.Engine.Ledger;
using Mentoring.Engine.Policy;

namespace Mentoring.Engine.Meetings;

/// <summary>
/// A pair's ledger folded into meetings and change events, as it stood at one instant.
/// Duplicates (same change id) count once, and the arrival order of the changes does not matter:
/// they are ordered by when they were made, then by id.
/// Each thread keeps one timeline and its working arrays for the next evaluation, so folding allocates nothing that
/// grows with the history (and nothing at all once warm): dispose it to hand it back.
/// </summary>
internal sealed class Timeline : IDisposable
{
    private static readonly Comparison<LedgerChange> ChronologicalOrder = CompareChronologically;

    [ThreadStatic]
    private static Timeline? s_spare;

    private LedgerChange[] _changes = [];
    private MeetingState[] _meetings = [];
    private ChangeEvent[] _events = [];
    private readonly MeetingIndex _index = new();

    private Timeline()
    {
    }

    public DateTimeOffset Now { get; private set; }

    public int MeetingCount { get; private set; }

    public int EventCount { get; private set; }

    /// <summary>Distinct changes made up to <see cref="Now"/>.</summary>
    public int ChangeCount { get; private set; }

    public ReadOnlySpan<MeetingState> Meetings => _meetings.AsSpan(0, MeetingCount);

    public ReadOnlySpan<ChangeEvent> Events => _events.AsSpan(0, EventCount);

    public ReadOnlySpan<LedgerChange> Changes => _changes.AsSpan(0, ChangeCount);

    public static Timeline Build(IReadOnlyList<LedgerChange> ledger, DateTimeOffset now, EngagementPolicy policy)
    {
        var timeline = s_spare ?? new Timeline();
        s_spare = null;
        timeline.Reset(ledger.Count, now);
        timeline.Fold(ledger, policy);
        return timeline;
    }

    public void Dispose()
    {
        Array.Clear(_changes, 0, ChangeCount); // drop references to the caller's changes and meeting ids
        Array.Clear(_meetings, 0, MeetingCount);
        MeetingCount = EventCount = ChangeCount = 0;
        s_spare = this;
    }

    private void Reset(int capacity, DateTimeOffset now)
    {
        Now = now;
        MeetingCount = EventCount = ChangeCount = 0;
        if (_changes.Length < capacity)
        {
            var size = Math.Max(capacity, 2 * _changes.Length);
            _changes = new LedgerChange[size];
            _meetings = new MeetingState[size];
            _events = new ChangeEvent[size];
        }

        _index.Reset(capacity);
    }

    /// <summary>The index of the meeting with this id, or -1.</summary>
    public int IndexOf(string meetingId) => _index.Find(meetingId, _meetings);

    /// <summary>Whether the meeting is among the pair's first <paramref name="count"/> by original start.</summary>
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

    private void Fold(IReadOnlyList<LedgerChange> ledger, EngagementPolicy policy)
    {
        var count = 0;
        for (var i = 0; i < ledger.Count; i++)
        {
            if (ledger[i].ChangedAt <= Now)
                _changes[count++] = ledger[i];
        }

        var span = _changes.AsSpan(0, count);
        if (!IsChronological(span))
            span.Sort(ChronologicalOrder);

        var distinct = 0;
        for (var i = 0; i < count; i++)
        {
            if (distinct > 0 && string.Equals(_changes[distinct - 1].ChangeId, _changes[i].ChangeId, StringComparison.Ordinal))
                continue;
            _changes[distinct++] = _changes[i];
        }

        Array.Clear(_changes, distinct, count - distinct);
        ChangeCount = distinct;
        for (var i = 0; i < distinct; i++)
            Apply(_changes[i], policy);
    }

    private static bool IsChronological(ReadOnlySpan<LedgerChange> changes)
    {
        for (var i = 1; i < changes.Length; i++)
        {
            if (CompareChronologically(changes[i - 1], changes[i]) > 0)
                return false;
        }

        return true;
    }

    private static int CompareChronologically(LedgerChange a, LedgerChange b)
    {
        var byTime = a.ChangedAt.UtcTicks.CompareTo(b.ChangedAt.UtcTicks);
        if (byTime != 0)
            return byTime;
        var byId = string.CompareOrdinal(a.ChangeId, b.ChangeId);
        return byId != 0 ? byId : a.Kind.CompareTo(b.Kind);
    }

    private void Apply(LedgerChange change, EngagementPolicy policy)
    {
        var index = IndexOf(change.MeetingId);
        switch (change.Kind)
        {
            case ChangeKind.Scheduled:
                if (index < 0)
                    Add(change, change.Start ?? change.ChangedAt, MeetingStatus.Scheduled, policy);
                else
                    Replan(index, change, policy);
                break;

            case ChangeKind.Rescheduled:
                if (index < 0)
                    index = Add(change, change.PreviousStart ?? change.Start ?? change.ChangedAt, MeetingStatus.Scheduled, policy);
                Move(index, change, change.Start, policy);
                break;

            case ChangeKind.Cancelled:
                if (index < 0)
                    index = Add(change, change.Start ?? change.ChangedAt, MeetingStatus.Scheduled, policy);
                Cancel(index, change, policy);
                break;

            case ChangeKind.Held:
                if (index < 0)
                    index = Add(change, change.Start ?? change.ChangedAt, MeetingStatus.Held, policy);
                ref var held = ref _meetings[index];
                held.Status = MeetingStatus.Held;
                held.HeldConfirmed = true;
                if (change.Start is { } heldStart)
                {
                    held.Start = heldStart;
                    held.End = change.End ?? heldStart + policy.DefaultMeetingLength;
                }

                break;

            case ChangeKind.NoShow:
                if (index < 0)
                    index = Add(change, change.Start ?? change.ChangedAt, MeetingStatus.Scheduled, policy);
                ref var missed = ref _meetings[index];
                if (missed.Status == MeetingStatus.NoShow)
                    break;
                missed.Status = MeetingStatus.NoShow;
                missed.HeldConfirmed = false;
                AddEvent(change.ChangedAt, index, ChangeEventKind.NoShow, late: true, change.ChangedBy);
                break;
        }
    }

    private int Add(LedgerChange change, DateTimeOffset start, MeetingStatus status, EngagementPolicy policy)
    {
        var index = MeetingCount++;
        _index.Add(change.MeetingId, index);
        _meetings[index] = new MeetingState
        {
            Id = change.MeetingId,
            OriginalStart = start,
            Start = start,
            End = change.End is { } end && end > start ? end : start + policy.DefaultMeetingLength,
            ScheduledAt = change.ChangedAt,
            Status = status,
            HeldConfirmed = status == MeetingStatus.Held,
        };
        return index;
    }

    /// <summary>
    /// A booking of a meeting we already know: a cancelled one is booked again; a live one takes the new time as its plan
    /// (a whole series re-planned, say) without counting as a postponement: moves of one meeting arrive as Rescheduled.
    /// </summary>
    private void Replan(int index, LedgerChange change, EngagementPolicy policy)
    {
        ref var meeting = ref _meetings[index];
        if (meeting.Status == MeetingStatus.Held && meeting.HeldConfirmed)
            return;
        var length = meeting.End - meeting.Start;
        Revive(ref meeting);
        if (change.Start is not { } start)
            return;
        meeting.Start = start;
        meeting.End = change.End is { } end && end > start ? end : start + (length > TimeSpan.Zero ? length : policy.DefaultMeetingLength);
    }

    private void Move(int index, LedgerChange change, DateTimeOffset? to, EngagementPolicy policy)
    {
        ref var meeting = ref _meetings[index];
        if (meeting.Status == MeetingStatus.Held && meeting.HeldConfirmed)
            return; // a confirmed meeting took place; later edits to it are housekeeping

        var from = meeting.Status == MeetingStatus.Cancelled ? (DateTimeOffset?)null : meeting.Start;
        var length = meeting.End - meeting.Start;
        Revive(ref meeting);
        if (to is not { } newStart)
            return;

        meeting.Start = newStart;
        meeting.End = change.End is { } end && end > newStart ? end : newStart + length;
        if (from is not { } oldStart || oldStart == newStart)
            return;

        meeting.TimesMoved++;
        var later = newStart > oldStart;
        if (later)
            meeting.Postponements++;
        AddEvent(
            change.ChangedAt,
            index,
            later ? ChangeEventKind.Postponed : ChangeEventKind.MovedEarlier,
            later && oldStart - change.ChangedAt < policy.LateChangeWindow,
            change.ChangedBy);
    }

    /// <summary>Booked (again): whatever cancelled it no longer holds.</summary>
    private static void Revive(ref MeetingState meeting)
    {
        meeting.Status = MeetingStatus.Scheduled;
        meeting.CancelledAt = null;
        meeting.CancelledBy = null;
        meeting.CancellationReason = null;
    }

    private void Cancel(int index, LedgerChange change, EngagementPolicy policy)
    {
        ref var meeting = ref _meetings[index];
        if (meeting.Status is MeetingStatus.Cancelled or MeetingStatus.NoShow)
            return;
        if ((meeting.Status == MeetingStatus.Held && meeting.HeldConfirmed) || change.ChangedAt >= meeting.End)
            return; // removing a meeting after it ended tidies a calendar; it does not un-hold the meeting

        meeting.Status = MeetingStatus.Cancelled;
        meeting.CancelledAt = change.ChangedAt;
        meeting.CancelledBy = change.ChangedBy;
        meeting.CancellationReason = change.Reason;
        AddEvent(
            change.ChangedAt,
            index,
            ChangeEventKind.Cancelled,
            meeting.Start - change.ChangedAt < policy.LateChangeWindow,
            change.ChangedBy);
    }

    private void AddEvent(DateTimeOffset at, int meetingIndex, ChangeEventKind kind, bool late, Party? by)
    {
        // Each change adds at most one event, and the array holds as many as the ledger has changes.
        _events[EventCount++] = new ChangeEvent
        {
            At = at,
            MeetingIndex = meetingIndex,
            Kind = kind,
            Late = late,
            By = by,
        };
    }
}
