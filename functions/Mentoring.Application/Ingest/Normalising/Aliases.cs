namespace Mentoring.Application.Ingest.Normalising;

/// <summary>Resolves a provider key through recorded aliases (a chain of moves ends at the first meeting).</summary>
internal static class Aliases
{
    private const int MaxHops = 16;

    public static string Resolve(IReadOnlyDictionary<string, string> aliases, string key)
    {
        var current = key;
        for (var hop = 0; hop < MaxHops && aliases.TryGetValue(current, out var next) && next != current; hop++)
            current = next;
        return current;
    }
}
