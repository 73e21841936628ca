using System.Runtime.CompilerServices;

namespace Mentoring.Engine.Signals;

/// <summary>
/// The signals one detection finds, kept on the stack and handed out as an array of exactly that many: no list, and
/// nothing at all for a pair with no signal.
/// </summary>
internal struct SignalCollector
{
    private Found _found;
    private int _count;

    public void Add(Signal signal) => _found[_count++] = signal;

    public readonly Signal[] ToArray()
    {
        if (_count == 0)
            return [];
        ReadOnlySpan<Signal> found = _found;
        return found[.._count].ToArray();
    }

    // Each kind at most once.
    [InlineArray(10)]
    private struct Found
    {
        private Signal _first;
    }
}
