using Mentoring.Engine.Ledger;
using Mentoring.Engine.Policy;

namespace Mentoring.Engine.Meetings;

// What one change does to the pair's meetings and change events, as the fold reads it.
internal sealed partial class Timeline
{
    private void Apply(long changedAt, LedgerChange change, EngagementPolicy policy)
    {
        var index = IndexOf(change.MeetingId);
        if (index >= 0 && _meetings[index].OutcomeByAdmin && !ChangeSources.IsAdmin(change.Source))
            return; // an admin's record of the outcome is final: calendars and providers no longer change it

        var start = Ticks.Of(change.Start);
        switch (change.Kind)
        {
            case ChangeKind.Scheduled:
                if (index < 0)
                    Add(change, changedAt, start != Ticks.None ? start : changedAt, MeetingStatus.Scheduled, policy);
                else
                    Replan(index, change, start, policy);
                break;

            case ChangeKind.Rescheduled:
                if (index < 0)
                {
                    var from = Ticks.Of(change.PreviousStart);
                    index = Add(change, changedAt, from != Ticks.None ? from : start != Ticks.None ? start : changedAt, MeetingStatus.Scheduled, policy);
                }

                Move(index, change, changedAt, start, policy);
                break;

            case ChangeKind.Cancelled:
                if (index < 0)
                    index = Add(change, changedAt, start != Ticks.None ? start : changedAt, MeetingStatus.Scheduled, policy);
                Cancel(index, change, changedAt, policy);
                break;

            case ChangeKind.Held:
                if (index < 0)
                    index = Add(change, changedAt, start != Ticks.None ? start : changedAt, MeetingStatus.Held, policy);
                ref var held = ref _meetings[index];
                held.Status = MeetingStatus.Held;
                held.HeldConfirmed = true;
                held.OutcomeByAdmin |= ChangeSources.IsAdmin(change.Source);
                if (start != Ticks.None)
                {
                    held.Start = start;
                    held.End = change.End is { } end ? end.UtcTicks : start + policy.DefaultMeetingLength.Ticks;
                }

                break;

            case ChangeKind.NoShow:
                if (index < 0)
                    index = Add(change, changedAt, start != Ticks.None ? start : changedAt, MeetingStatus.Scheduled, policy);
                ref var missed = ref _meetings[index];
                missed.OutcomeByAdmin |= ChangeSources.IsAdmin(change.Source);
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
                AddEvent(changedAt, index, ChangeEventKind.NoShow, late: true, change);
                break;

            case ChangeKind.NoShowRetracted:
                if (index >= 0)
                    RetractNoShow(index, change);
                break;
        }
    }

    private int Add(LedgerChange change, long changedAt, long start, MeetingStatus status, EngagementPolicy policy)
    {
        var index = MeetingCount++;
        _index.Add(change.MeetingId, index);
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
            later && !change.ChangedAtUnknown && from - changedAt < policy.LateChangeWindow.Ticks,
            change);
    }

    /// <summary>Booked (again): whatever cancelled it no longer holds.</summary>
    private static void Revive(ref MeetingState meeting)
    {
        meeting.Status = MeetingStatus.Scheduled;
        meeting.CancelledAt = Ticks.None;
        meeting.CancelledBy = null;
        meeting.CancellationReason = null;
    }

    /// <summary>
    /// An explicit cancellation counts whenever it was recorded (an admin logging last month's cancelled meeting, a
    /// snapshot that says STATUS:CANCELLED); a removal (an event deleted from a live calendar) after the meeting's end
    /// tidies a calendar and does not un-hold the meeting. Attendance a provider or check-in confirmed outweighs a
    /// calendar's cancellation; an admin's record outweighs both.
    /// </summary>
    private void Cancel(int index, LedgerChange change, long changedAt, EngagementPolicy policy)
    {
        ref var meeting = ref _meetings[index];
        var byAdmin = ChangeSources.IsAdmin(change.Source);
        meeting.OutcomeByAdmin |= byAdmin;
        if (meeting.Status is MeetingStatus.Cancelled or MeetingStatus.NoShow)
            return;
        if (meeting.Status == MeetingStatus.Held && meeting.HeldConfirmed && !byAdmin)
            return;
        if (change.Removal && changedAt >= meeting.End)
            return;

        meeting.Status = MeetingStatus.Cancelled;
        meeting.HeldConfirmed = false;
        meeting.CancelledAt = changedAt;
        meeting.CancelledBy = change.ChangedBy;
        meeting.CancellationReason = change.Reason;
        // Recorded after the meeting ended, a cancellation says the meeting did not take place, not when that was
        // decided: like a change whose time is unknown, it is not late.
        AddEvent(
            changedAt,
            index,
            ChangeEventKind.Cancelled,
            !change.ChangedAtUnknown && changedAt < meeting.End && meeting.Start - changedAt < policy.LateChangeWindow.Ticks,
            change);
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

    private void AddEvent(long at, int meetingIndex, ChangeEventKind kind, bool late, LedgerChange change)
    {
        // Each change adds at most one event, and the array holds as many as the ledger has changes.
        ref var added = ref _events[EventCount++];
        added.At = at;
        added.MeetingIndex = meetingIndex;
        added.Kind = kind;
        added.Late = late;
        added.TimeKnown = !change.ChangedAtUnknown;
        added.By = change.ChangedBy;
    }
}
