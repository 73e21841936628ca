using System.Globalization;
using Mentoring.IcsBench;

// dotnet run -c Release --project bench/Mentoring.IcsBench -- [--events 40000] [--keep DIR] [--stages]
//   --events N: the size of the export replayed (default 40,000 events, ~20 MB); --keep DIR: write the files there and
//   leave them (default: a temporary folder, deleted afterwards); --stages: instead of the table, where a replay of the
//   export spends its time, stage by stage, in this process.
var events = args.SkipWhile(a => a != "--events").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(40_000);
var keep = args.SkipWhile(a => a != "--keep").Skip(1).FirstOrDefault();
var stages = args.Contains("--stages");
var folder = keep is null ? Directory.CreateTempSubdirectory("icsbench-").FullName : Directory.CreateDirectory(keep).FullName;
try
{
    if (stages)
    {
        ReplayStages.Run(ExportFile.Write(Path.Combine(folder, "export.ics"), events));
        return;
    }

    Console.WriteLine("| input | size | what is measured | result | seconds | CPU seconds | peak memory |");
    Console.WriteLine("| --- | ---: | --- | --- | ---: | ---: | ---: |");

    var export = ExportFile.Write(Path.Combine(folder, "export.ics"), events);
    Row($"export, {events:N0} events", export, "`replay` (own process), start to exit", await ReplayProcess.RunAsync("--history", export));

    var never = FeedFiles.NeverEnding(Path.Combine(folder, "never-ending.ics"));
    Row("FREQ=SECONDLY rule that never matches", never, "`replay` (own process), start to exit", await ReplayProcess.RunAsync("--history", never));

    var folded = FeedFiles.FoldedProperty(Path.Combine(folder, "folded-feed.ics"));
    Row("feed, one folded 2 MB property", folded, "the feed reader (poller's limits), in process", FeedRead.Run(folded));
    Row("FREQ=SECONDLY rule that never matches", never, "the feed reader (poller's limits), in process", FeedRead.Run(never));
}
finally
{
    if (keep is null)
        Directory.Delete(folder, recursive: true);
}

static void Row(string input, string path, string what, ReplayProcess run)
{
    var result = run.ExitCode == 0
        ? $"exit 0, {Summary(run.Stdout)}"
        : $"exit {run.ExitCode}: {run.Stderr.Trim().Split('\n')[0][..Math.Min(120, run.Stderr.Trim().Split('\n')[0].Length)]}";
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {input} | {new FileInfo(path).Length / 1048576.0:0.0} MiB | {what} | {result} | {run.Elapsed.TotalSeconds:0.00} | {(run.CpuSeconds > 0 ? run.CpuSeconds.ToString("0.00", CultureInfo.InvariantCulture) : "—")} | {(run.PeakMiB > 0 ? run.PeakMiB.ToString("0", CultureInfo.InvariantCulture) + " MiB" : "—")} |"));
}

static string Summary(string json)
{
    using var document = System.Text.Json.JsonDocument.Parse(json);
    var summary = document.RootElement.GetProperty("summary");
    return string.Join(", ", summary.EnumerateObject().Where(p => p.Value.ValueKind == System.Text.Json.JsonValueKind.Number).Select(p => $"{p.Name} {p.Value}"));
}
