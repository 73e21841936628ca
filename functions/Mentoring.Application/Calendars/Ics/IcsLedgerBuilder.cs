using Mentoring.Engine.Ledger;

namespace Mentoring.Application.Calendars.Ics;

/// <summary>
/// Turns the versions of each UID into ledger changes: a series' occurrences are scheduled when the series was created;
/// EXDATEs cancel occurrences when the master was last modified; overrides move or cancel their occurrence (a
/// RANGE=THISANDFUTURE override re-plans every later one: one postponement, not one per occurrence) when they were last modified; a cancelled master cancels what
/// had not ended yet. Versions of one meeting are read in <see cref="VersionOrder"/>, so the highest SEQUENCE wins.
/// </summary>
internal sealed class IcsLedgerBuilder(IcsLedgerOptions options)
{
    private static readonly TimeSpan AssumedLength = TimeSpan.FromHours(1);

    private readonly List<LedgerChange> _changes = [];

    public IReadOnlyList<LedgerChange> Build(IEnumerable<EventVersion> versions)
    {
        foreach (var uid in versions.GroupBy(v => v.Uid, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            BuildUid(uid.Key, [.. uid]);
        return _changes;
    }

    private void BuildUid(string uid, List<EventVersion> versions)
    {
        var occurrences = new SortedDictionary<DateTimeOffset, IcsOccurrence>();
        var masters = VersionOrder.Sort(versions.Where(v => v.RecurrenceSlot is null));
        var bookedAt = masters.Count > 0 ? BookedAt(masters[0]) : (DateTimeOffset?)null;
        var series = masters.LastOrDefault(m => !m.Cancelled) ?? masters.LastOrDefault();

        if (series is { IsRecurring: true })
        {
            foreach (var slot in SeriesExpander.Slots(series, options.Horizon))
            {
                var occurrence = new IcsOccurrence(uid, slot, slot, series.Length);
                occurrences.Add(slot, occurrence);
                Write(occurrence, ChangeKind.Scheduled, bookedAt!.Value, masters[0], slot);
            }

            var excludedAt = series.ModifiedAt ?? bookedAt!.Value;
            foreach (var occurrence in occurrences.Values.Where(o => IsExcluded(series, o.Slot!.Value)))
                Cancel(occurrence, excludedAt, series);
        }
        else if (series is not null)
        {
            var single = new IcsOccurrence(uid, null, masters[0].Start, masters[0].Length);
            Write(single, ChangeKind.Scheduled, bookedAt!.Value, masters[0], masters[0].Start);
            foreach (var version in masters)
                Apply(single, version, ChangedAt(version));
        }

        ApplyOverrides(uid, versions, occurrences, series);

        if (series is { IsRecurring: true } && masters[^1].Cancelled)
        {
            var cancelledAt = ChangedAt(masters[^1]);
            foreach (var occurrence in occurrences.Values.Where(o => !o.Cancelled && o.EndOr(AssumedLength) > cancelledAt))
                Cancel(occurrence, cancelledAt, masters[^1]);
        }
    }

    /// <summary>Overrides, each meeting's versions in order, all of them in the order they were made.</summary>
    private void ApplyOverrides(string uid, List<EventVersion> versions, SortedDictionary<DateTimeOffset, IcsOccurrence> occurrences, EventVersion? series)
    {
        var steps = versions
            .Where(v => v.RecurrenceSlot is not null)
            .GroupBy(v => v.RecurrenceSlot!.Value)
            .SelectMany(chain => VersionOrder.Sort(chain).Select((version, position) => (Version: version, Position: position)))
            .OrderBy(s => ChangedAt(s.Version))
            .ThenBy(s => s.Version.RecurrenceSlot)
            .ThenBy(s => s.Position);

        foreach (var (version, _) in steps)
        {
            var slot = version.RecurrenceSlot!.Value;
            if (!occurrences.TryGetValue(slot, out var occurrence))
            {
                if (slot > options.Horizon && version.Start > options.Horizon)
                    continue;
                occurrence = new IcsOccurrence(uid, slot, slot, version.Length ?? series?.Length);
                occurrences.Add(slot, occurrence);
            }

            var at = ChangedAt(version);
            if (!occurrence.Written && !version.Cancelled && version.Start == occurrence.Start)
                Write(occurrence, ChangeKind.Scheduled, at, version, version.Start);
            Apply(occurrence, version, at);

            if (!version.ThisAndFuture)
                continue;
            var offset = version.Start - slot;
            foreach (var later in occurrences.Values.Where(o => o.Slot > slot))
            {
                if (version.Cancelled)
                    Cancel(later, at, version);
                else if (!later.Cancelled && later.Slot!.Value + offset != later.Start)
                    Write(later, ChangeKind.Scheduled, at, version, later.Slot.Value + offset); // a re-plan of the series, not a postponement each
            }
        }
    }

    /// <summary>One version of a meeting after the previous one: a cancellation, a rebooking, a move, or nothing.</summary>
    private void Apply(IcsOccurrence occurrence, EventVersion version, DateTimeOffset at)
    {
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
            // change (a move, STATUS:CANCELLED, an EXDATE) was made.
            ChangedAtUnknown: step > 0 || kind != ChangeKind.Scheduled || version.Created is null));
    }

    private static bool IsExcluded(EventVersion series, DateTimeOffset slot) =>
        series.ExcludedDates.Any(x =>
            x.Instant == slot || (x.Day is { } day && DateOnly.FromDateTime(IcsZones.ToWall(slot, series.StartZone)) == day));

    private static DateTimeOffset BookedAt(EventVersion first) =>
        first.CreatedAt ?? throw new HistoryFormatException(first.Line, first.Describe(), "none of CREATED, DTSTAMP or LAST-MODIFIED says when it was made.");

    private static DateTimeOffset ChangedAt(EventVersion version) =>
        version.ModifiedAt ?? throw new HistoryFormatException(version.Line, version.Describe(), "none of LAST-MODIFIED, DTSTAMP or CREATED says when it was changed.");

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
}
