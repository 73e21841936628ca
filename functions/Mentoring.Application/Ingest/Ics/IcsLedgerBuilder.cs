using Mentoring.Engine.Ledger;

namespace Mentoring.Application.Ingest.Ics;

/// <summary>
/// Turns the versions of each UID into ledger changes: a series' occurrences are scheduled when the series was created;
/// then EXDATEs and overrides are applied in the order they were written (an EXDATE when the master version that first
/// carries it was made, an override when it was), so an instance moved and later removed stays removed. An override
/// moves or cancels the instance its RECURRENCE-ID names (a RANGE=THISANDFUTURE one re-plans every later instance at
/// the same wall-clock shift: one postponement, not one per occurrence); one that names no instance books nothing. A
/// cancelled master cancels what had not ended yet. Versions of one meeting are read in <see cref="VersionOrder"/>.
/// </summary>
internal sealed class IcsLedgerBuilder(IcsLedgerOptions options, HistoryBudget budget)
{
    private static readonly TimeSpan AssumedLength = TimeSpan.FromHours(1);

    private readonly List<LedgerChange> _changes = [];
    private readonly List<string> _notes = [];

    public IcsLedger Build(IEnumerable<EventVersion> versions)
    {
        foreach (var uid in versions.GroupBy(v => v.Uid, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            budget.Check(null, "VEVENT UID=" + uid.Key);
            BuildUid(uid.Key, [.. uid]);
        }

        return new IcsLedger(_changes, _notes);
    }

    private void BuildUid(string uid, List<EventVersion> versions)
    {
        var masters = VersionOrder.Sort(versions.Where(v => v.RecurrenceSlot is null));
        var placed = masters.Where(m => m.StartKnown).ToList();
        var series = placed.LastOrDefault(m => !m.Cancelled) ?? placed.LastOrDefault();
        var meetings = new UidMeetings(uid, series, placed);
        var steps = new List<Step>();

        if (series is { IsRecurring: true })
        {
            var bookedAt = BookedAt(placed[0]);
            var expanded = SeriesExpander.Slots(series, options.From, options.Horizon, budget);
            if (expanded.Note is { } note)
                _notes.Add(note); // an override of a slot before the window names no instance read: it books nothing
            foreach (var slot in expanded.Slots)
            {
                var occurrence = new IcsOccurrence(uid, slot, slot, series.Length);
                meetings.Occurrences.Add(slot, occurrence);
                Write(occurrence, ChangeKind.Scheduled, bookedAt, placed[0], slot);
            }

            foreach (var occurrence in meetings.Occurrences.Values)
            {
                if (ExcludedBy(placed, occurrence.Slot!.Value) is { } excluding)
                    steps.Add(new Step(ChangedAtOr(excluding, bookedAt), 1, occurrence.Slot.Value, 0, excluding, occurrence));
            }
        }
        else if (series is not null)
        {
            meetings.Single = new IcsOccurrence(uid, null, placed[0].Start, placed[0].Length);
            Write(meetings.Single, ChangeKind.Scheduled, BookedAt(placed[0]), placed[0], placed[0].Start);
            foreach (var version in masters)
                Apply(meetings.Single, version, ChangedAt(version));
        }

        steps.AddRange(versions
            .Where(v => v.RecurrenceSlot is not null)
            .GroupBy(v => v.RecurrenceSlot!.Value)
            .SelectMany(chain => VersionOrder.Sort(chain).Select((version, position) =>
                new Step(ChangedAt(version), 0, version.RecurrenceSlot!.Value, position, version, null))));

        foreach (var step in steps.OrderBy(s => s.At).ThenBy(s => s.Rank).ThenBy(s => s.Slot).ThenBy(s => s.Position))
        {
            if (step.Excluded is { } excluded)
                Cancel(excluded, step.At, step.Version);
            else
                ApplyOverride(meetings, step.Version, step.At);
        }

        if (meetings.Single is null && masters.Count > 0 && masters[^1].Cancelled)
        {
            var cancelledAt = ChangedAt(masters[^1]);
            foreach (var occurrence in meetings.Occurrences.Values.Where(o => !o.Cancelled && o.EndOr(AssumedLength) > cancelledAt))
                Cancel(occurrence, cancelledAt, masters[^1]);
        }
    }

    /// <summary>The first master version of the unbroken run, up to the series in force, whose EXDATEs remove the slot.</summary>
    private static EventVersion? ExcludedBy(List<EventVersion> placed, DateTimeOffset slot)
    {
        EventVersion? first = null;
        foreach (var version in Enumerable.Reverse(placed).Where(v => !v.Cancelled))
        {
            if (!IsExcluded(version, slot))
                break;
            first = version;
        }

        return first;
    }

    private void ApplyOverride(UidMeetings meetings, EventVersion version, DateTimeOffset at)
    {
        var slot = version.RecurrenceSlot!.Value;
        var occurrence = meetings.Find(version);
        if (occurrence is null)
        {
            if (meetings.Series is { IsRecurring: true } && slot <= options.Horizon)
            {
                // Names no instance of the series (a stale or misaligned RECURRENCE-ID): it books no meeting of its own.
                if (version.ThisAndFuture)
                    Replan(meetings, version, slot, at);
                return;
            }

            if (meetings.Series is { IsRecurring: false })
                return; // an override of a single event naming another time
            if (slot > options.Horizon && version.Start > options.Horizon)
                return;
            occurrence = new IcsOccurrence(meetings.Uid, slot, slot, version.Length ?? meetings.Series?.Length);
            meetings.Occurrences.Add(slot, occurrence);
        }

        if (!occurrence.Written && !version.Cancelled && version.Start == occurrence.Start)
            Write(occurrence, ChangeKind.Scheduled, at, version, version.Start);
        Apply(occurrence, version, at);

        if (version.ThisAndFuture && occurrence.Slot is { } named)
            Replan(meetings, version, named, at);
    }

    /// <summary>
    /// RANGE=THISANDFUTURE: every instance after the named one is cancelled with it, or shifted as it was, in wall-clock
    /// time in the series' zone (a 10:00 moved to 11:00 stays 11:00 across a daylight-saving change).
    /// </summary>
    private void Replan(UidMeetings meetings, EventVersion version, DateTimeOffset named, DateTimeOffset at)
    {
        var zone = meetings.Series?.StartZone ?? version.StartZone;
        var shift = IcsZones.ToWall(version.Start, zone) - IcsZones.ToWall(named, zone);
        foreach (var later in meetings.Occurrences.Values.Where(o => o.Slot > named))
        {
            budget.Check(version.Line, version.Describe());
            if (version.Cancelled)
            {
                Cancel(later, at, version);
                continue;
            }

            if (later.Cancelled)
                continue;
            var start = IcsZones.ToInstant(IcsZones.ToWall(later.Slot!.Value, zone) + shift, zone);
            var length = version.Length ?? later.Length;
            if (start == later.Start && length == later.Length)
                continue;
            later.Length = length;
            Write(later, ChangeKind.Scheduled, at, version, start); // a re-plan of the series, not a postponement each
        }
    }

    /// <summary>One version of a meeting after the previous one: a cancellation, a rebooking, a move, or nothing.</summary>
    private void Apply(IcsOccurrence occurrence, EventVersion version, DateTimeOffset at)
    {
        if (!version.StartKnown)
        {
            Cancel(occurrence, at, version); // only a CANCEL may leave its start out
            return;
        }

        if (version.Length is { } length)
            occurrence.Length = length;
        if (version.Cancelled)
            Cancel(occurrence, at, version);
        else if (occurrence.Cancelled)
            Write(occurrence, ChangeKind.Scheduled, at, version, version.Start);
        else if (version.Start != occurrence.Start)
            Write(occurrence, ChangeKind.Rescheduled, at, version, version.Start, occurrence.Start);
    }

    private void Cancel(IcsOccurrence occurrence, DateTimeOffset at, EventVersion version)
    {
        if (!occurrence.Cancelled)
            Write(occurrence, ChangeKind.Cancelled, at, version, occurrence.Start);
    }

    private void Write(IcsOccurrence occurrence, ChangeKind kind, DateTimeOffset at, EventVersion version, DateTimeOffset start, DateTimeOffset? from = null)
    {
        if (at < occurrence.LastAt)
            at = occurrence.LastAt;
        var step = occurrence.Steps++;
        occurrence.LastAt = at;
        occurrence.Start = start;
        occurrence.Cancelled = kind == ChangeKind.Cancelled;
        _changes.Add(new LedgerChange(
            IcsIds.Change(occurrence.MeetingId, step, kind.ToString().ToLowerInvariant(), IcsIds.Version(version, at)),
            occurrence.MeetingId,
            kind,
            at,
            start,
            occurrence.Length is { } length ? start + length : null,
            kind == ChangeKind.Rescheduled ? from : null,
            step == 0 && kind == ChangeKind.Scheduled ? null : PartyOf(version.OrganizerEmail),
            Source: IcsIds.Source,
            // A file is a snapshot: CREATED says when a meeting was booked, but LAST-MODIFIED only bounds when a later
            // change (a move, STATUS:CANCELLED, an EXDATE) was made. An iTIP message is the change itself, sent when
            // it was made (its DTSTAMP).
            ChangedAtUnknown: !(version.IsMessage && version.Stamp is not null) && (step > 0 || kind != ChangeKind.Scheduled || version.Created is null)));
    }

    private static bool IsExcluded(EventVersion series, DateTimeOffset slot) =>
        series.ExcludedDates.Any(x =>
            x.Instant == slot || (x.Day is { } day && DateOnly.FromDateTime(IcsZones.ToWall(slot, series.StartZone)) == day));

    private static DateTimeOffset BookedAt(EventVersion first) =>
        first.CreatedAt ?? throw new HistoryFormatException(first.Line, first.Describe(), "none of CREATED, DTSTAMP or LAST-MODIFIED says when it was made.");

    private static DateTimeOffset ChangedAt(EventVersion version) =>
        version.ModifiedAt ?? throw new HistoryFormatException(version.Line, version.Describe(), "none of LAST-MODIFIED, DTSTAMP or CREATED says when it was changed.");

    private static DateTimeOffset ChangedAtOr(EventVersion version, DateTimeOffset fallback) => version.ModifiedAt ?? fallback;

    private Party? PartyOf(string? organizer)
    {
        if (organizer is null)
            return null;
        if (SameAddress(organizer, options.MentorEmail))
            return Party.Mentor;
        return SameAddress(organizer, options.MenteeEmail) ? Party.Mentee : null;
    }

    private static bool SameAddress(string organizer, string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
            return false;
        var address = email.Trim();
        if (address.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
            address = address["mailto:".Length..];
        return string.Equals(organizer, address, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>An EXDATE (Rank 1, with the occurrence it removes) or an override version (Rank 0), at the time it was written.</summary>
    private sealed record Step(DateTimeOffset At, int Rank, DateTimeOffset Slot, int Position, EventVersion Version, IcsOccurrence? Excluded);
}
