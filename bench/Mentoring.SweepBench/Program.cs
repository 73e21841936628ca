using System.Diagnostics;
using System.Globalization;
using Azure.Core.Pipeline;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Mentoring.Application.Engagement;
using Mentoring.Application.Hosting;
using Mentoring.Application.Queues;
using Mentoring.Application.Storage;
using Mentoring.Engine.Ledger;
using Mentoring.Engine.Policy;
using Mentoring.LocalHost.Azurite;
using Mentoring.SweepBench;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// dotnet run -c Release --project bench/Mentoring.SweepBench -- [pairs]
var pairCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
await using var azurite = await AzuriteProcess.StartAsync();
var counter = new TransactionCounter { TablePort = azurite.TablePort };
var outbox = Directory.CreateTempSubdirectory("sweepbench-outbox-").FullName;
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["AzureWebJobsStorage"] = azurite.ConnectionString,
    ["Email:OutboxDirectory"] = outbox,
});
builder.Services.AddLogging();
builder.Services.AddSingleton<HttpPipelinePolicy>(counter);
builder.AddMentoringApplication();
using var host = builder.Build();
await host.StartAsync();
var services = host.Services;
var now = TimeProvider.System.GetUtcNow();
var parallel = new ParallelOptions { MaxDegreeOfParallelism = 32 };

Console.WriteLine($"Seeding {pairCount} pairs (healthy: met 5 days ago, next meeting in 9 days), all due now...");
var clock = Stopwatch.StartNew();
const string programId = "bench";
await services.GetRequiredService<ProgramStore>().SaveAsync(
    new ProgramRecord(programId, "Bench", "Europe/Berlin", EngagementPolicy.Default, "admin@bench.example"), default);
await Parallel.ForEachAsync(Enumerable.Range(0, pairCount), parallel, async (i, ct) =>
{
    var pairId = $"pair-{i:00000}";
    var participants = services.GetRequiredService<ParticipantStore>();
    await participants.SaveAsync(new ParticipantRecord(programId, pairId + "-a", "A", $"{pairId}.a@bench.example", "Europe/Berlin"), ct);
    await participants.SaveAsync(new ParticipantRecord(programId, pairId + "-b", "B", $"{pairId}.b@bench.example", "Europe/Berlin"), ct);
    var pairs = services.GetRequiredService<PairStore>();
    await pairs.SaveAsync(new PairRecord(programId, pairId, pairId + "-a", pairId + "-b", now.AddDays(-30)), ct);
    await services.GetRequiredService<PairLogStore>().AppendChangesAsync(Keys.PairLog(programId, pairId),
    [
        new LedgerChange("m1", "m1", ChangeKind.Scheduled, now.AddDays(-20), now.AddDays(-5), now.AddDays(-5).AddHours(1)),
        new LedgerChange("m2", "m2", ChangeKind.Scheduled, now.AddDays(-4), now.AddDays(9), now.AddDays(9).AddHours(1)),
    ], ct);
    var dueKey = await services.GetRequiredService<DueIndex>().ScheduleAsync(programId, pairId, now.AddMinutes(-1), ct);
    await pairs.RecordSummaryAsync(programId, pairId, PairSummary.None with { DueKey = dueKey }, ct);
});
Console.WriteLine($"Seeded in {clock.Elapsed.TotalSeconds:F1} s");

var sweep = services.GetRequiredService<SweepHandler>();
var rows = new List<string>();

async Task MeasureAsync(string name, Func<Task> run)
{
    counter.Reset();
    var watch = Stopwatch.StartNew();
    await run();
    var seconds = watch.Elapsed.TotalSeconds;
    var total = counter.Tables + counter.Queues;
    rows.Add(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {pairCount:N0} | {seconds:F1} | {counter.Tables:N0} | {counter.Queues:N0} | {(double)total / pairCount:F4} |"));
    Console.WriteLine(rows[^1]);
}

await MeasureAsync("sweep, every pair due (read due-index, crunch, enqueue)", async () => await sweep.RunAsync(default));

var evaluate = services.GetRequiredService<EvaluatePairHandler>();
var queue = services.GetRequiredService<QueueServiceClient>().GetQueueClient(QueueNames.PairEvaluations);
await MeasureAsync("evaluate every due pair (receive, load, engine, commit, reschedule, delete)", async () =>
{
    var workers = Enumerable.Range(0, 16).Select(async worker =>
    {
        while (true)
        {
            QueueMessage[] batch = await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5));
            if (batch.Length == 0)
                return;
            foreach (var message in batch)
            {
                if (QueueJson.TryParse<EvaluatePair>(message.Body.ToString(), out var evaluation, out _))
                    await evaluate.HandleAsync(evaluation, default);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    });
    await Task.WhenAll(workers);
});

await MeasureAsync("sweep, no pair due (unchanged pairs)", async () => await sweep.RunAsync(default));

Console.WriteLine();
Console.WriteLine("| step | pairs | seconds | table transactions | queue transactions | transactions per pair |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
foreach (var row in rows)
    Console.WriteLine(row);

await host.StopAsync();
Directory.Delete(outbox, recursive: true);
