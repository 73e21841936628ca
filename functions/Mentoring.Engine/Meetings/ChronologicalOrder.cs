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
}
