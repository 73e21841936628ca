using System.Diagnostics;
using System.Globalization;
using Mentoring.Application.Ingest;
using Mentoring.Application.Ingest.Ics;
using Mentoring.LocalHost.Replay;

namespace Mentoring.IcsBench;

/// <summary>
/// Where a <c>replay</c> of a file spends its time, in this process: reading the file, parsing it, building the ledger,
/// the engine's replay and the JSON report, each with its wall-clock and CPU time (this process, all threads: the
/// garbage collector's work counts) and the memory allocated. The same steps as <c>replay</c>, without its time budget.
/// </summary>
internal static class ReplayStages
{
    public static void Run(string path)
    {
        var arguments = new ReplayArguments(path, 14, null, null, null);
        var stages = new List<(string Name, TimeSpan Wall, TimeSpan Cpu, long Allocated)>();
        T Stage<T>(string name, Func<T> work)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var allocated = GC.GetTotalAllocatedBytes();
            var clock = Stopwatch.StartNew();
            var result = work();
            clock.Stop();
            stages.Add((name, clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu, GC.GetTotalAllocatedBytes() - allocated));
            return result;
        }

        var text = Stage("read the file", () => File.ReadAllText(path));
        var calendar = Stage("parse (IcsHistory.Parse)", () => IcsHistory.Parse(text, budget: new HistoryBudget(HistoryLimits.File with { TimeBudget = TimeSpan.FromHours(1) })));
        var asOf = calendar.LastChangeAt!.Value;
        var read = Stage("ledger (IcsHistory.Read)", () => calendar.Read(new IcsLedgerOptions(asOf + TimeSpan.FromDays(arguments.CadenceDays))));
        var history = new HistoryFile(read.Changes, asOf, calendar.Zone ?? TimeZoneInfo.Utc, read.Notes);
        var result = Stage("engine replay (PairReplay.Run)", () => ReplayCommand.Replay(arguments, history));
        var report = Stage("report (JSON)", () =>
        {
            using var output = new StreamWriter(Stream.Null);
            var counted = new CountingWriter(output);
            ReplayCommand.WriteReport(counted, arguments, history, result);
            return counted.Chars;
        });

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{calendar.EventCount:N0} events, {read.Changes.Count:N0} changes, {result.Evaluations:N0} evaluations, report {report / 1048576.0:0.0} M characters, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0} MiB"));
        Console.WriteLine();
        Console.WriteLine("| stage | seconds | CPU seconds | allocated |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        foreach (var (name, wall, cpu, allocated) in stages)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {wall.TotalSeconds:0.00} | {cpu.TotalSeconds:0.00} | {allocated / 1048576.0:N0} MiB |"));
    }
}

/// <summary>A writer that counts the characters written through it.</summary>
internal sealed class CountingWriter(TextWriter inner) : TextWriter
{
    public long Chars { get; private set; }

    public override System.Text.Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        Chars++;
        inner.Write(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        Chars += count;
        inner.Write(buffer, index, count);
    }
}
