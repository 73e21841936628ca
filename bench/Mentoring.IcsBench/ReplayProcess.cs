using System.Diagnostics;
using System.Globalization;

namespace Mentoring.IcsBench;

/// <summary>
/// One run of the <c>replay</c> command as a user runs it: its own process (the local host built beside this bench, in
/// this bench's configuration), wall-clock time from start to exit, and its peak resident set (VmHWM) read from
/// <c>/proc</c> every 20 ms until it exits, with the CPU time it had used by then (user + system: on a shared machine the
/// wall-clock time includes waiting for a core).
/// </summary>
internal sealed record ReplayProcess(int ExitCode, TimeSpan Elapsed, double PeakMiB, string Stdout, string Stderr, double CpuSeconds = 0)
{
    public static async Task<ReplayProcess> RunAsync(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Mentoring.LocalHost.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("replay");
        foreach (var arg in args)
            start.ArgumentList.Add(arg);

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var peak = 0.0;
        var cpu = 0.0;
        while (!process.HasExited)
        {
            if (HighWaterMiB(process.Id) is { } now && now > peak)
                peak = now;
            if (ReadCpuSeconds(process.Id) is { } used)
                cpu = used;
            await Task.Delay(20);
        }

        await process.WaitForExitAsync();
        clock.Stop();
        return new ReplayProcess(process.ExitCode, clock.Elapsed, peak, await stdout, await stderr, cpu);
    }

    /// <summary>utime + stime of <c>/proc/{pid}/stat</c> (fields 14 and 15, in clock ticks of 1/100 s).</summary>
    private static double? ReadCpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static double? HighWaterMiB(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? null : double.Parse(line["VmHWM:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture) / 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // it has just exited
        }
    }
}
