using System.Globalization;

namespace Mentoring.IngestBench;

/// <summary><c>[soak] [--rate 200] [--seconds 30] [--concurrency 16] [--minutes 10] [--interval 60]</c>.</summary>
internal sealed record BenchArguments(bool Soak, double Rate, int Seconds, int Concurrency, double Minutes, int IntervalSeconds)
{
    public static BenchArguments Parse(string[] args)
    {
        var soak = args is ["soak", ..];
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = soak ? 1 : 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new ArgumentException($"Expected --name value, got '{args[i]}'.");
            options[args[i][2..]] = args[i + 1];
        }

        double Number(string name, double fallback) =>
            options.TryGetValue(name, out var value) ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;
        return new BenchArguments(
            soak,
            Number("rate", soak ? 40 : 200),
            (int)Number("seconds", 30),
            (int)Number("concurrency", 16),
            Number("minutes", 10),
            (int)Number("interval", 60));
    }
}
