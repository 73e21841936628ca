using System.Buffers;

namespace Mentoring.Engine.Meetings;

/// <summary>
/// Meeting id → position while a ledger is folded: an open-addressing table in a pooled array, so that finding a
/// meeting costs the same for the 5th change as for the 500th and allocates nothing.
/// </summary>
internal struct MeetingIndex : IDisposable
{
    private int[] _slots; // meeting position + 1; 0 = empty
    private readonly int _mask;

    public MeetingIndex(int capacity)
    {
        var size = 16;
        while (size < capacity * 2)
            size <<= 1;
        _slots = ArrayPool<int>.Shared.Rent(size);
        Array.Clear(_slots, 0, size);
        _mask = size - 1;
    }

    public readonly int Find(string id, MeetingState[] meetings)
    {
        for (var slot = Hash(id) & _mask; ; slot = (slot + 1) & _mask)
        {
            var position = _slots[slot] - 1;
            if (position < 0)
                return -1;
            if (string.Equals(meetings[position].Id, id, StringComparison.Ordinal))
                return position;
        }
    }

    public readonly void Add(string id, int position)
    {
        var slot = Hash(id) & _mask;
        while (_slots[slot] != 0)
            slot = (slot + 1) & _mask;
        _slots[slot] = position + 1;
    }

    public void Dispose()
    {
        if (_slots.Length > 0)
            ArrayPool<int>.Shared.Return(_slots);
        _slots = [];
    }

    // Ids of one pair share long prefixes (a calendar's event id, a series uid) and differ at the end: hash the tail.
    private static int Hash(string id)
    {
        var hash = (uint)id.Length * 2654435761u;
        var from = Math.Max(0, id.Length - 12);
        for (var i = from; i < id.Length; i++)
            hash = (hash ^ id[i]) * 16777619u;
        return (int)(hash ^ (hash >> 15));
    }
}
