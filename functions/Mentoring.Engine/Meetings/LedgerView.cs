using Mentoring.Engine.Ledger;

namespace Mentoring.Engine.Meetings;

/// <summary>
/// The ledger a timeline folds, as an array: the caller's own when it passed one, else a copy into an array kept for the
/// next fold. Reading an array is cheaper than calling through <see cref="IReadOnlyList{T}"/> for every change.
/// </summary>
internal sealed class LedgerView
{
    private LedgerChange[] _copy = [];
    private LedgerChange[] _changes = [];
    private int _count;

    public ReadOnlySpan<LedgerChange> Changes => _changes.AsSpan(0, _count);

    public LedgerChange this[int position] => _changes[position];

    public void Hold(IReadOnlyList<LedgerChange> ledger)
    {
        if (ledger is LedgerChange[] array)
        {
            _changes = array;
            _count = array.Length;
            return;
        }

        if (ledger is ArraySegment<LedgerChange> { Offset: 0, Array: { } prefix } segment)
        {
            _changes = prefix; // a prefix of a longer ledger (a replay's changes made so far): read in place
            _count = segment.Count;
            return;
        }

        if (_copy.Length < ledger.Count)
            _copy = new LedgerChange[Math.Max(ledger.Count, 2 * _copy.Length)];
        if (ledger is List<LedgerChange> list)
        {
            list.CopyTo(_copy);
        }
        else
        {
            for (var i = 0; i < ledger.Count; i++)
                _copy[i] = ledger[i];
        }

        _changes = _copy;
        _count = ledger.Count;
    }

    /// <summary>Lets go of the caller's changes.</summary>
    public void Release()
    {
        if (ReferenceEquals(_changes, _copy))
            Array.Clear(_copy, 0, _count);
        _changes = [];
        _count = 0;
    }
}
