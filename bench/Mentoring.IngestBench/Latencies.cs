using System.Globalization;

namespace Mentoring.IngestBench;

/// <summary>Latencies (ms) and outcomes of one run or one interval; percentiles by nearest rank.</summary>
internal sealed class Latencies
{
    private readonly List<double> _milliseconds = [];
    private readonly Dictionary<int, int> _statuses = [];
    private int _errors;

    public int Count { get { lock (_milliseconds) return _milliseconds.Count; } }

    public int Errors { get { lock (_milliseconds) return _errors; } }

    public void Add(double milliseconds, int status)
    {
        lock (_milliseconds)
        {
            _milliseconds.Add(milliseconds);
            _statuses[status] = _statuses.GetValueOrDefault(status) + 1;
            if (status is 0 or >= 500)
                _errors++;
        }
    }

    public int WithStatus(int status)
    {
        lock (_milliseconds)
            return _statuses.GetValueOrDefault(status);
    }

    public double Percentile(double q)
    {
        lock (_milliseconds)
        {
            if (_milliseconds.Count == 0)
                return double.NaN;
            var sorted = _milliseconds.Order().ToArray();
            return sorted[Math.Max(0, (int)Math.Ceiling(q * sorted.Length) - 1)];
        }
    }

    public string Statuses()
    {
        lock (_milliseconds)
            return string.Join(" ", _statuses.OrderBy(s => s.Key).Select(s => string.Create(CultureInfo.InvariantCulture, $"{(s.Key == 0 ? "failed" : s.Key)}:{s.Value}")));
    }
}
