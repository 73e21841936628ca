namespace Mentoring.Engine.Meetings;

/// <summary>
/// Meeting id → position while a ledger is folded: an open-addressing table reused across folds, so that finding a
/// meeting costs the same for the 5th change as for the 500th and allocates nothing once warm.
/// </summary>
internal sealed class MeetingIndex
{
    private int[] _slots = []; // meeting position + 1; 0 = empty
    private int _mask;

    public void Reset(int capacity)
    {
        var size = 16;
        while (size < capacity * 2)
            size <<= 1;
        if (_slots.Length < size)
            _slots = new int[size];
        else
            Array.Clear(_slots, 0, size);
        _mask = size - 1;
    }

    public int Find(string id, int hash, MeetingState[] meetings)
    {
        for (var slot = hash & _mask; ; slot = (slot + 1) & _mask)
        {
            var position = _slots[slot] - 1;
            if (position < 0)
                return -1;
            if (string.Equals(meetings[position].Id, id, StringComparison.Ordinal))
                return position;
        }
    }

    public void Add(int hash, int position)
    {
        var slot = hash & _mask;
        while (_slots[slot] != 0)
            slot = (slot + 1) & _mask;
        _slots[slot] = position + 1;
    }

    // Ids of one pair share long prefixes (a calendar's event id, a series uid) and differ at the end: hash the tail.
    public static int Hash(string id)
    {
        var hash = (uint)id.Length * 2654435761u;
        var from = Math.Max(0, id.Length - 12);
        for (var i = from; i < id.Length; i++)
            hash = (hash ^ id[i]) * 16777619u;
        return (int)(hash ^ (hash >> 15));
    }
}
