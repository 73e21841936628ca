using System.Diagnostics;
using System.Globalization;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Mentoring.Application.Evaluation;
using Mentoring.Application.Hosting;
using Mentoring.Application.Ingest;
using Mentoring.Application.Queues;
using Mentoring.Application.Roster;
using Mentoring.Engine.Policy;
using Mentoring.LocalHost.Azurite;
using Mentoring.SweepBench;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

// dotnet run -c Release --project bench/Mentoring.SweepBench -- [pairs] [--evaluate N] [--disk] [--host [minutes]] [--swept-twice]
//   --evaluate N: evaluate a sample of N of the due pairs (the rest stay queued); --disk: Azurite persists to a temp folder;
//   --host: after seeding, run the local host itself on the pairs and sample its memory (default window 20 minutes);
//   --sample-ledgers: with --evaluate, seed ledgers only for the pairs of due shard 0, which the sweep enqueues first (the
//   sample reaches no other pair; it saves most of the seeding at 100,000 pairs);
//   --swept-twice: then sweep twice before evaluating (a backlog longer than the sweep's interval) and evaluate both.
var pairCount = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var n) ? n : 10_000;
var sample = args.SkipWhile(a => a != "--evaluate").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(pairCount);
sample = Math.Min(sample, pairCount);
var hostWindow = args.Contains("--host")
    ? TimeSpan.FromMinutes(args.SkipWhile(a => a != "--host").Skip(1).Select(a => double.TryParse(a, CultureInfo.InvariantCulture, out var m) ? m : 20).FirstOrDefault(20))
    : (TimeSpan?)null;
var disk = args.Contains("--disk") ? Directory.CreateTempSubdirectory("sweepbench-azurite-").FullName : null;

await using var azurite = await AzuriteProcess.StartAsync(new AzuriteOptions(disk));
var counter = new TransactionCounter { TablePort = azurite.TablePort };
var outbox = Directory.CreateTempSubdirectory("sweepbench-outbox-").FullName;
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["AzureWebJobsStorage"] = azurite.ConnectionString,
    ["Email:OutboxDirectory"] = outbox,
    ["Links:SigningKey"] = "sweepbench-signing-key-not-a-secret-0123456789",
});
builder.Services.AddLogging();
builder.Services.AddSingleton<HttpPipelinePolicy>(counter);
var clockAhead = new ShiftedTime();
builder.Services.AddSingleton<TimeProvider>(clockAhead);
builder.AddMentoringApplication();
using var host = builder.Build();
await host.StartAsync();
var services = host.Services;
var now = TimeProvider.System.GetUtcNow();
var parallel = new ParallelOptions { MaxDegreeOfParallelism = 32 };

Console.WriteLine($"Azurite {(disk is null ? "in memory" : "on disk (" + disk + ")")}. Seeding {pairCount:N0} pairs "
    + "(healthy: met 5 days ago, next meeting in 9 days), all due now, in table transactions of up to 100 rows...");
var clock = Stopwatch.StartNew();
const string programId = "bench";
await services.GetRequiredService<ProgramStore>().SaveAsync(
    new ProgramRecord(programId, "Bench", "Europe/Berlin", EngagementPolicy.Default, "admin@bench.example"), default);
Func<string, bool>? withLedger = args.Contains("--sample-ledgers") && sample <= pairCount / DueIndex.Shards
    ? pairId => DueIndex.ShardOf(programId, pairId) == "due-00" // the shard the sweep reads first
    : null;
await Seeder.SeedAsync(services.GetRequiredService<TableServiceClient>(), services.GetRequiredService<LedgerStore>(), programId, pairCount, now, parallel, withLedger);
Console.WriteLine($"Seeded in {clock.Elapsed.TotalSeconds:F1} s ({counter.Tables:N0} table transactions)");

if (hostWindow is { } window)
{
    await HostMemoryRun.RunAsync(azurite.ConnectionString, services.GetRequiredService<QueueServiceClient>().GetQueueClient(QueueNames.PairEvaluations), pairCount, window);
    await host.StopAsync();
    Directory.Delete(outbox, recursive: true);
    if (disk is not null)
        Directory.Delete(disk, recursive: true);
    return;
}

var peakResettable = PeakMemory.TryReset();
var sweep = services.GetRequiredService<SweepHandler>();
var rows = new List<string>();

async Task MeasureAsync(string name, int pairs, Func<Task> run)
{
    counter.Reset();
    var watch = Stopwatch.StartNew();
    await run();
    var seconds = watch.Elapsed.TotalSeconds;
    var total = counter.Tables + counter.Queues;
    rows.Add(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {pairs:N0} | {seconds:F1} | {pairs / seconds:N0} | {counter.Tables:N0} | {counter.Queues:N0} | {(double)total / pairs:F4} |"));
    Console.WriteLine(rows[^1]);
}

await MeasureAsync("sweep, every pair due (read due-index, crunch, enqueue)", pairCount, async () => await sweep.RunAsync(default));

// As the hosts run the queue (host.json and the local pump: batches of 16): receive a batch, evaluate, delete each.
const int ReceiveBatch = 16;
var evaluate = services.GetRequiredService<EvaluatePairHandler>();
var queue = services.GetRequiredService<QueueServiceClient>().GetQueueClient(QueueNames.PairEvaluations);
var what = sample < pairCount ? "a sample of the due pairs" : "every due pair";

async Task EvaluateAsync(int count)
{
    var claimed = 0;
    var leaseLost = 0;
    var workers = Enumerable.Range(0, 16).Select(async worker =>
    {
        while (Volatile.Read(ref claimed) < count)
        {
            QueueMessage[] batch = await queue.ReceiveMessagesAsync(ReceiveBatch, TimeSpan.FromMinutes(10));
            if (batch.Length == 0)
                return;
            foreach (var message in batch)
            {
                if (Interlocked.Increment(ref claimed) > count)
                    return; // the sample is full: the rest of this batch stays queued (its receive is counted)
                if (QueueJson.TryParse<EvaluatePair>(message.Body.ToString(), out var evaluation, out _))
                    await evaluate.HandleAsync(evaluation, default);
                try
                {
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                }
                catch (Azure.RequestFailedException e) when (e.Status == 404)
                {
                    Interlocked.Increment(ref leaseLost); // became visible again while evaluated (a loaded machine): it comes back as a repeat
                }
            }
        }
    });
    await Task.WhenAll(workers);
    if (leaseLost > 0)
        Console.WriteLine($"  ({leaseLost} messages became visible again before they were deleted: the machine was too slow for the visibility timeout)");
}

await MeasureAsync($"evaluate {what}, first time (state and integration event written)", sample, async () => await EvaluateAsync(sample));

// A week on, the same pairs are due again and nothing about them changed: the steady state of a sweep. (Not with a
// sample: the pairs left out are due first, and the re-evaluated ones could not be told from them in the queue.)
SweepHandler SweepAt(DateTimeOffset at) => new(
    services.GetRequiredService<DueIndex>(),
    services.GetRequiredService<ProgramStore>(),
    services.GetRequiredService<ProgramStep>(),
    services.GetRequiredService<MessageQueues>(),
    new FixedTime(at),
    NullLogger<SweepHandler>.Instance);
if (sample == pairCount)
{
    await MeasureAsync("sweep a week later (every pair due again)", pairCount, async () => await SweepAt(now.AddDays(8)).RunAsync(default));
    await MeasureAsync("evaluate every due pair again (nothing changed)", pairCount, async () => await EvaluateAsync(pairCount));
    if (args.Contains("--swept-twice"))
    {
        await MeasureAsync("sweep twice, a minute apart, before any is evaluated", pairCount, async () =>
        {
            await SweepAt(now.AddDays(16)).RunAsync(default);
            await SweepAt(now.AddDays(16).AddMinutes(1)).RunAsync(default);
        });
        clockAhead.Shift = TimeSpan.FromDays(16) + TimeSpan.FromMinutes(2);
        await MeasureAsync("evaluate the first message of every pair (16 days on)", pairCount, async () => await EvaluateAsync(pairCount));
        await MeasureAsync("evaluate the repeats (superseded: evaluated since the entry fell due)", pairCount, async () => await EvaluateAsync(pairCount));
        clockAhead.Shift = TimeSpan.Zero;
    }
}

var peak = PeakMemory.PeakMiB();

// With a sample, the pairs not evaluated are still due: the unchanged-pairs sweep then runs at an instant before
// every due entry, which is what a sweep sees when nothing is due.
var quiet = sample < pairCount ? SweepAt(now.AddMinutes(-2)) : sweep;
await MeasureAsync("sweep, no pair due (unchanged pairs)", pairCount, async () => await quiet.RunAsync(default));

Console.WriteLine();
Console.WriteLine("| step | pairs | seconds | pairs / s | table transactions | queue transactions | transactions per pair |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
foreach (var row in rows)
    Console.WriteLine(row);
Console.WriteLine();
var since = peakResettable ? "peak reset after seeding" : "since the process started: the peak could not be reset";
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Peak resident set of this process (host + handlers, not Azurite) over the sweep and the evaluation: {peak:F0} MiB ({since})"));

await host.StopAsync();
Directory.Delete(outbox, recursive: true);
if (disk is not null)
    Directory.Delete(disk, recursive: true);
