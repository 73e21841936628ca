using Mentoring.Engine.Ledger;
using Mentoring.Engine.Meetings;
using Mentoring.Engine.Messages;
using Mentoring.Engine.Pairs;
using Mentoring.Engine.Policy;

namespace Mentoring.Engine.Signals;

/// <summary>The numbers the signals, the ladder and the messages are made of, read once off a timeline.</summary>
internal sealed class PairObservation
{
    public required Timeline Timeline { get; init; }

    /// <summary>The last held meeting, or -1.</summary>
    public int LastHeldIndex { get; private set; } = -1;

    /// <summary>The held meeting before the last, or -1.</summary>
    public int PreviousHeldIndex { get; private set; } = -1;

    /// <summary>Where drift is counted from: the last held meeting, else the pair's start (or its resumption).</summary>
    public DateTimeOffset Reference => Ticks.At(ReferenceTicks);

    public long ReferenceTicks { get; private set; }

    /// <summary>
    /// Setbacks are counted after this instant (UTC ticks): the last held meeting's start, else the resumption of a paused
    /// pair, else none at all — before a first meeting is held every setback counts, even one made before the pair's
    /// recorded start (a first meeting cancelled or postponed before it was due is the slow start a program needs to see).
    /// </summary>
    public long SetbacksAfterTicks { get; private set; } = Ticks.None;

    /// <summary>The next meeting still ahead, or -1.</summary>
    public int NextUpcomingIndex { get; private set; } = -1;

    /// <summary>The earliest end (UTC ticks) of the meetings still ahead, or <see cref="Ticks.None"/>.</summary>
    public long EarliestUpcomingEnd { get; private set; } = Ticks.None;

    public int MeetingsHeld { get; private set; }

    /// <summary>Postponements, cancellations and no-shows after <see cref="SetbacksAfterTicks"/>, honest ones excluded.</summary>
    public int Setbacks { get; private set; }

    public double WeightedSetbacks { get; private set; }

    public int LateSetbacks { get; private set; }

    public DateTimeOffset? FirstLateSetbackAt => Ticks.AtOrNull(_firstLateSetbackAt);

    /// <summary>When the <see cref="EngagementPolicy.RepeatedPostponementCount"/>-th setback happened.</summary>
    public DateTimeOffset? RepeatedSince => Ticks.AtOrNull(_repeatedSince);

    public DateTimeOffset? LastSetbackAt => Ticks.AtOrNull(_lastSetbackAt);

    public Party? LastSetbackBy { get; private set; }

    public int MentorSetbacks { get; private set; }

    public int MenteeSetbacks { get; private set; }

    /// <summary>The late setbacks (<see cref="LateSetbacks"/>) the mentor made; those of unknown author count for nobody.</summary>
    public int MentorLateSetbacks { get; private set; }

    public int MenteeLateSetbacks { get; private set; }

    /// <summary>Cancellations soon after our reminder, not counted as setbacks.</summary>
    public int HonestCancellations { get; private set; }

    public DateTimeOffset? FirstHonestCancellationAt => Ticks.AtOrNull(_firstHonestCancellationAt);

    /// <summary>The last cancellation or no-show since <see cref="Reference"/> (it took an upcoming meeting away).</summary>
    public DateTimeOffset? LastLossAt => Ticks.AtOrNull(_lastLossAt);

    /// <summary><see cref="LastLossAt"/> in UTC ticks, or <see cref="Ticks.None"/>.</summary>
    public long LastLossTicks => _lastLossAt;

    /// <summary>The last cancellation since the reference, and whether anything was booked after it.</summary>
    public DateTimeOffset? LastCancellationAt => Ticks.AtOrNull(_lastCancellationAt);

    /// <summary><see cref="LastCancellationAt"/> in UTC ticks, or <see cref="Ticks.None"/>.</summary>
    public long LastCancellationTicks => _lastCancellationAt;

    public bool RebookedAfterLastCancellation { get; private set; }

    /// <summary>Held meetings since the last setback of any time: the streak a thank-you names.</summary>
    public int Streak { get; private set; }

    private long _firstLateSetbackAt = Ticks.None;
    private long _repeatedSince = Ticks.None;
    private long _lastSetbackAt = Ticks.None;
    private long _firstHonestCancellationAt = Ticks.None;
    private long _lastLossAt = Ticks.None;
    private long _lastCancellationAt = Ticks.None;

    public static PairObservation Observe(
        Timeline timeline, PairContext pair, IReadOnlyList<SentMessage> history, EngagementPolicy policy)
    {
        var observation = new PairObservation { Timeline = timeline };
        observation.Read(pair, history, policy);
        return observation;
    }

    public bool HasHeld => LastHeldIndex >= 0;

    /// <summary>The last held meeting; only when <see cref="HasHeld"/>.</summary>
    public ref readonly MeetingState LastHeld => ref Timeline.Meetings[LastHeldIndex];

    /// <summary>The next booked meeting; only when <see cref="NextUpcomingIndex"/> is not -1.</summary>
    public ref readonly MeetingState NextUpcoming => ref Timeline.Meetings[NextUpcomingIndex];

    public DateTimeOffset? LastHeldStart => LastHeldIndex < 0 ? null : Timeline.Meetings[LastHeldIndex].StartAt;

    public DateTimeOffset? NextUpcomingStart => NextUpcomingIndex < 0 ? null : Timeline.Meetings[NextUpcomingIndex].StartAt;

    private void Read(PairContext pair, IReadOnlyList<SentMessage> history, EngagementPolicy policy)
    {
        var now = Timeline.NowTicks;
        var meetings = Timeline.Meetings;
        var lastSetbackEver = LastSetbackEver(Timeline.Events);

        // Counted in locals, not the properties: a replay reads every meeting of a long history at each evaluation.
        int held = 0, streak = 0, lastHeld = -1, previousHeld = -1, nextUpcoming = -1;
        var earliestUpcomingEnd = Ticks.None;
        for (var i = 0; i < meetings.Length; i++)
        {
            ref readonly var meeting = ref meetings[i];
            if (meeting.IsHeldAt(now))
            {
                held++;
                if (lastSetbackEver == Ticks.None || meeting.Start > lastSetbackEver)
                    streak++;
                if (lastHeld < 0 || meeting.Start > meetings[lastHeld].Start)
                {
                    previousHeld = lastHeld;
                    lastHeld = i;
                }
                else if (previousHeld < 0 || meeting.Start > meetings[previousHeld].Start)
                {
                    previousHeld = i;
                }
            }
            else if (meeting.IsUpcomingAt(now))
            {
                if (nextUpcoming < 0 || meeting.Start < meetings[nextUpcoming].Start)
                    nextUpcoming = i;
                if (earliestUpcomingEnd == Ticks.None || meeting.End < earliestUpcomingEnd)
                    earliestUpcomingEnd = meeting.End;
            }
        }

        (MeetingsHeld, Streak, LastHeldIndex, PreviousHeldIndex, NextUpcomingIndex, EarliestUpcomingEnd) =
            (held, streak, lastHeld, previousHeld, nextUpcoming, earliestUpcomingEnd);

        ReferenceTicks = LastHeldIndex >= 0 ? meetings[LastHeldIndex].Start : pair.StartedAt.UtcTicks;
        SetbacksAfterTicks = LastHeldIndex >= 0 ? ReferenceTicks : Ticks.None;
        if (pair.StatusChangedAt is { } resumedAt && resumedAt.UtcTicks > ReferenceTicks && resumedAt.UtcTicks <= now)
            ReferenceTicks = SetbacksAfterTicks = resumedAt.UtcTicks;

        ReadSetbacks(history, policy);
    }

    private void ReadSetbacks(IReadOnlyList<SentMessage> history, EngagementPolicy policy)
    {
        var meetings = Timeline.Meetings;
        var events = Timeline.Events;
        var now = Timeline.NowTicks;
        for (var i = 0; i < events.Length; i++)
        {
            ref readonly var change = ref events[i];
            if (!change.IsSetback || change.At <= SetbacksAfterTicks)
                continue;

            if (change.Kind is ChangeEventKind.Cancelled or ChangeEventKind.NoShow)
            {
                _lastLossAt = change.At;
                if (change.Kind == ChangeEventKind.Cancelled)
                    _lastCancellationAt = change.At;
            }

            if (change.Kind == ChangeEventKind.Cancelled && change.TimeKnown && HonestCancellation.FollowsReminder(meetings[change.MeetingIndex].Id, change.At, history, policy))
            {
                HonestCancellations++;
                if (_firstHonestCancellationAt == Ticks.None)
                    _firstHonestCancellationAt = change.At;
                continue;
            }

            Setbacks++;
            var weight = change.Late ? policy.LateChangeWeight : 1.0;
            if (Timeline.IsAmongFirst(change.MeetingIndex, policy.EarlyMeetingCount))
                weight *= policy.EarlyMeetingWeight;
            WeightedSetbacks += weight;
            if (change.Late)
            {
                LateSetbacks++;
                if (change.By == Party.Mentor)
                    MentorLateSetbacks++;
                else if (change.By == Party.Mentee)
                    MenteeLateSetbacks++;
                if (_firstLateSetbackAt == Ticks.None)
                    _firstLateSetbackAt = change.At;
            }

            if (Setbacks == policy.RepeatedPostponementCount)
                _repeatedSince = change.At;
            _lastSetbackAt = change.At;
            LastSetbackBy = change.By;
            if (change.By == Party.Mentor)
                MentorSetbacks++;
            else if (change.By == Party.Mentee)
                MenteeSetbacks++;
        }

        if (_lastCancellationAt != Ticks.None)
        {
            var cancelledAt = _lastCancellationAt;
            // Latest first: meetings and events sit in the order they were booked and happened.
            for (var i = meetings.Length - 1; i >= 0 && !RebookedAfterLastCancellation; i--)
            {
                if (meetings[i].ScheduledAt > cancelledAt || meetings[i].IsUpcomingAt(now))
                    RebookedAfterLastCancellation = true;
            }

            for (var i = events.Length - 1; i >= 0 && !RebookedAfterLastCancellation; i--)
            {
                if (events[i].At > cancelledAt && events[i].Kind is ChangeEventKind.Postponed or ChangeEventKind.MovedEarlier)
                    RebookedAfterLastCancellation = true;
            }
        }
    }

    /// <summary>When the last setback of any time happened (events are in the order they happened), or none.</summary>
    private static long LastSetbackEver(ReadOnlySpan<ChangeEvent> events)
    {
        for (var i = events.Length - 1; i >= 0; i--)
        {
            if (events[i].IsSetback)
                return events[i].At;
        }

        return Ticks.None;
    }
}
