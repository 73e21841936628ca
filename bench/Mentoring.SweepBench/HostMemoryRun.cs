using System.Diagnostics;
using System.Globalization;
using Azure.Storage.Queues;

namespace Mentoring.SweepBench;

/// <summary>
/// The local host's own memory (docs/benchmarks.md, "Memory"): once the pairs are seeded, starts Mentoring.LocalHost as a
/// process of its own on the same Azurite with its sweep at the next minute, and samples its resident set each second while it
/// sweeps and evaluates, until the queue is empty or the window ends.
/// </summary>
internal static class HostMemoryRun
{
    private static readonly TimeSpan Sample = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Report = TimeSpan.FromSeconds(15);

    public static async Task RunAsync(string storage, QueueClient queue, int pairs, TimeSpan window)
    {
        var outbox = Directory.CreateTempSubdirectory("sweepbench-host-outbox-").FullName;
        using var host = Start(LocateHost(), storage, outbox);
        var clock = Stopwatch.StartNew();
        Console.WriteLine($"Local host started (pid {host.Id}); one sweep at the next minute, sampling its resident set every second for up to {window.TotalMinutes:F0} min.");
        Console.WriteLine("| elapsed | resident set | peak so far | messages in pair-evaluations |");
        Console.WriteLine("| ---: | ---: | ---: | ---: |");

        double idle = 0, peakWhileSweeping = 0;
        var queued = 0;
        TimeSpan? swept = null, drained = null;
        var lastReport = TimeSpan.Zero;
        while (clock.Elapsed < window && !host.HasExited)
        {
            await Task.Delay(Sample);
            var (resident, peak) = Status(host.Id);
            var count = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
            if (queued == 0 && count == 0)
                idle = Math.Max(idle, resident);
            if (swept is null && count > 0 && count <= queued)
                swept = clock.Elapsed; // the count stopped rising: the sweep's fan-out is done
            if (swept is null)
                peakWhileSweeping = peak;
            queued = Math.Max(queued, count);
            if (clock.Elapsed - lastReport >= Report)
            {
                lastReport = clock.Elapsed;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {clock.Elapsed:mm\\:ss} | {resident:F0} MiB | {peak:F0} MiB | {count:N0} |"));
            }

            if (queued > 0 && count == 0)
            {
                drained = clock.Elapsed;
                break;
            }
        }

        var (_, overall) = Status(host.Id);
        host.Kill(entireProcessTree: true);
        await host.WaitForExitAsync();
        Directory.Delete(outbox, recursive: true);

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Local host, {pairs:N0} pairs: idle before the sweep {idle:F0} MiB; peak while the sweep enqueued ({queued:N0} messages, "
            + $"done at {swept?.ToString(@"mm\:ss", CultureInfo.InvariantCulture) ?? "-"}) {peakWhileSweeping:F0} MiB; "
            + $"peak over the whole run {overall:F0} MiB; queue {(drained is { } d ? "empty at " + d.ToString(@"mm\:ss", CultureInfo.InvariantCulture) : "not empty when the window ended")}."));
    }

    private static Process Start(string dll, string storage, string outbox)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.Environment["AzureWebJobsStorage"] = storage;
        // Once an hour, at the next minute: one sweep, then its evaluations, as the hourly production schedule runs it.
        start.Environment["SweepSchedule"] = $"0 {TimeProvider.System.GetUtcNow().AddMinutes(1).Minute} * * * *";
        start.Environment["Email__OutboxDirectory"] = outbox;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("The local host did not start.");
        process.OutputDataReceived += (_, e) => Forward(e.Data);
        process.ErrorDataReceived += (_, e) => Forward(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Forward(string? line)
    {
        if (!string.IsNullOrEmpty(line))
            Console.WriteLine("  host: " + line);
    }

    /// <summary>The local host built beside this bench, in the same configuration (building the bench builds it).</summary>
    private static string LocateHost()
    {
        var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = own.Name;
        var configuration = own.Parent!.Name;
        for (var dir = own; dir is not null; dir = dir.Parent)
        {
            var dll = Path.Combine(dir.FullName, "functions", "Mentoring.LocalHost", "bin", configuration, framework, "Mentoring.LocalHost.dll");
            if (File.Exists(dll))
                return dll;
        }

        throw new FileNotFoundException("Mentoring.LocalHost.dll was not found beside the bench: build the solution first.");
    }

    private static (double Resident, double Peak) Status(int pid) =>
        (PeakMemory.StatusMiB(pid.ToString(CultureInfo.InvariantCulture), "VmRSS:") ?? 0,
         PeakMemory.StatusMiB(pid.ToString(CultureInfo.InvariantCulture), "VmHWM:") ?? 0);
}
