namespace Mentoring.Engine.Ladder;

/// <summary>
/// The last key built as prefix + id, handed out again while the next one would equal it: a pair's episode key changes
/// only when a meeting is held, yet was a fresh string every evaluation. Compared by content, so it keeps no reference
/// to the caller's id.
/// </summary>
internal sealed class PrefixedKeyCache
{
    private string _last = "";
    private int _prefixLength;

    public string Of(string prefix, string id)
    {
        var last = _last;
        if (last.Length == prefix.Length + id.Length
            && _prefixLength == prefix.Length
            && last.AsSpan(prefix.Length).SequenceEqual(id)
            && last.AsSpan(0, prefix.Length).SequenceEqual(prefix))
        {
            return last;
        }

        _prefixLength = prefix.Length;
        return _last = prefix + id;
    }
}
