using System.Diagnostics;

namespace Mentoring.IngestBench;

/// <summary>
/// Runs numbered operations (an HTTP request, or the storage calls alone) that return a status, in an open model (a
/// fixed arrival rate: an operation starts on schedule whether or not earlier ones finished; latency counts from its
/// scheduled start, so a stall is not hidden) or a closed one (a fixed number of clients, each starting its next
/// operation when the last one is answered).
/// </summary>
internal static class LoadClient
{
    public static async Task<Latencies> OpenAsync(Func<int, Task<int>> operation, double rate, TimeSpan duration)
    {
        var latencies = new Latencies();
        var total = (int)(rate * duration.TotalSeconds);
        var inFlight = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            if (due - clock.Elapsed is { TotalMilliseconds: > 1 } wait)
                await Task.Delay(wait);
            inFlight.Add(TimeAsync(operation, i, clock, due, latencies));
        }

        await Task.WhenAll(inFlight);
        return latencies;
    }

    public static async Task<(Latencies Latencies, double Seconds)> ClosedAsync(Func<int, Task<int>> operation, int concurrency, TimeSpan duration)
    {
        var latencies = new Latencies();
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (clock.Elapsed < duration)
                await TimeAsync(operation, Interlocked.Increment(ref next), clock, clock.Elapsed, latencies);
        }));
        return (latencies, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Runs one operation; its latency from <paramref name="start"/> and its status go to every sink.</summary>
    public static async Task TimeAsync(Func<int, Task<int>> operation, int n, Stopwatch clock, TimeSpan start, params Latencies[] sinks)
    {
        var status = await operation(n);
        var milliseconds = (clock.Elapsed - start).TotalMilliseconds;
        foreach (var sink in sinks)
            sink.Add(milliseconds, status);
    }

    /// <summary>Sends a request and reads the answer; the status, or 0 when no answer came.</summary>
    public static async Task<int> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        try
        {
            using (request)
            using (var response = await client.SendAsync(request))
            {
                await response.Content.LoadIntoBufferAsync();
                return (int)response.StatusCode;
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return 0;
        }
    }

    public static HttpClient NewHttpClient() => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = int.MaxValue,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };
}
