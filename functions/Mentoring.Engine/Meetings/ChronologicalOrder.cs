namespace Mentoring.Engine.Meetings;

/// <summary>The order a ledger is read in: when a change was made, then its id, then its kind.</summary>
internal sealed class ChronologicalOrder(LedgerView ledger) : IComparer<TimedChange>
{
    public int Compare(TimedChange a, TimedChange b)
    {
        var byTime = a.At.CompareTo(b.At);
        if (byTime != 0)
            return byTime;
        var first = ledger[a.Position];
        var second = ledger[b.Position];
        var byId = string.CompareOrdinal(first.ChangeId, second.ChangeId);
        return byId != 0 ? byId : ((int)first.Kind).CompareTo((int)second.Kind); // as ints: Enum.CompareTo boxes
    }

    /// <summary>Whether the changes are already in order: ledgers mostly arrive that way, and then nothing is sorted.</summary>
    public bool IsChronological(ReadOnlySpan<TimedChange> changes)
    {
        for (var i = 1; i < changes.Length; i++)
        {
            if (Compare(changes[i - 1], changes[i]) > 0)
                return false;
        }

        return true;
    }
}
