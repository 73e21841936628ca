using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Mentoring.Engine.Meetings;

/// <summary>
/// Meeting id → position while a ledger is folded: an open-addressing table reused across folds, so that finding a
/// meeting costs the same for the 5th change as for the 500th and allocates nothing once warm.
/// </summary>
internal sealed class MeetingIndex
{
    // Each slot: the id's hash in the high half, so a probe compares ids only when their hashes agree, and the meeting's
    // position + 1 in the low half (0 = empty).
    private long[] _slots = [];
    private int _mask;
    private int _vacancy;

    public void Reset(int capacity)
    {
        var size = 16;
        while (size < capacity * 2)
            size <<= 1;
        if (_slots.Length < size)
            _slots = new long[size];
        else
            Array.Clear(_slots, 0, size);
        _mask = size - 1;
    }

    /// <summary>The position of the meeting with this id, or -1; then <see cref="AddNotFound"/> can add it.</summary>
    public int Find(string id, int hash, MeetingState[] meetings)
    {
        for (var slot = hash & _mask; ; slot = (slot + 1) & _mask)
        {
            var entry = _slots[slot];
            if (entry == 0)
            {
                _vacancy = slot;
                return -1;
            }

            var position = (int)entry - 1;
            if ((int)(entry >> 32) == hash && string.Equals(meetings[position].Id, id, StringComparison.Ordinal))
                return position;
        }
    }

    /// <summary>Adds the meeting the last <see cref="Find"/> did not find, in the empty slot that search ended at.</summary>
    public void AddNotFound(int hash, int position) => _slots[_vacancy] = ((long)hash << 32) | (uint)(position + 1);

    // Ids of one pair share long prefixes (a calendar's event id, a series uid) and differ at the end: hash the tail.
    // Its last 12 characters are read as three 8-byte words whose multiplications are independent of each other; a
    // character-at-a-time hash is a chain of dependent multiplications, and was the fold's largest single cost.
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // the fold's inner loop calls it
    public static int Hash(string id)
    {
        var chars = id.AsSpan();
        ulong hash;
        if (chars.Length >= 4)
        {
            var bytes = MemoryMarshal.AsBytes(chars);
            var last = MemoryMarshal.Read<ulong>(bytes[^8..]);
            var middle = MemoryMarshal.Read<ulong>(bytes[Math.Max(0, bytes.Length - 16)..]);
            var first = MemoryMarshal.Read<ulong>(bytes[Math.Max(0, bytes.Length - 24)..]);
            hash = (last * 0x9E3779B97F4A7C15ul) ^ (middle * 0xC2B2AE3D27D4EB4Ful) ^ (first * 0x165667B19E3779F9ul) ^ (ulong)chars.Length;
        }
        else
        {
            hash = (ulong)chars.Length;
            foreach (var c in chars)
                hash = (hash << 16) | c;
        }

        // The last characters sit in the words' high bits: fold them down to the low bits the table uses.
        hash ^= hash >> 32;
        hash *= 0xD6E8FEB86659FD93ul;
        hash ^= hash >> 32;
        return (int)hash;
    }
}
