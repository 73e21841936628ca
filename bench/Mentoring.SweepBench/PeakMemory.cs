namespace Mentoring.SweepBench;

/// <summary>This process's peak resident set (VmHWM in /proc/self/status), which Linux lets us reset between steps.</summary>
internal static class PeakMemory
{
    /// <summary>Resets the peak to the current resident set; false where the kernel does not allow it.</summary>
    public static bool TryReset()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Peak resident set in MiB (falls back to <see cref="System.Diagnostics.Process.PeakWorkingSet64"/>).</summary>
    public static double PeakMiB()
    {
        if (StatusMiB("self", "VmHWM:") is { } peak)
            return peak;
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return self.PeakWorkingSet64 / (1024.0 * 1024.0);
    }

    /// <summary>One kB figure of <c>/proc/{process}/status</c> (VmRSS:, VmHWM:) in MiB; null where there is none.</summary>
    public static double? StatusMiB(string process, string key)
    {
        var path = $"/proc/{process}/status";
        try
        {
            var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
            return line is null
                ? null
                : double.Parse(line[key.Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), System.Globalization.CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
            return null; // no such process (it ended), or no /proc here
        }
    }
}
