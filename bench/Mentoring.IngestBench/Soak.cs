using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Azure.Storage.Queues;
using Mentoring.Application.Ingest.Webhooks;
using Mentoring.Application.Links;
using Mentoring.Application.Queues;

namespace Mentoring.IngestBench;

/// <summary>
/// The local host with its queue pump and sweep (every minute) under a steady mixed load at a fixed arrival rate: 70 %
/// Cal.com webhooks spread over the pairs, 15 % check-in POSTs (a fresh signed link each), 15 % admin reads. Prints one
/// line per interval and a summary of latency drift and memory growth.
/// </summary>
internal static class Soak
{
    private const int Pairs = 200;

    public static async Task<int> RunAsync(BenchArguments args, TextWriter output)
    {
        await using var local = await LocalPipeline.StartAsync(Pairs, background: true);
        using var http = LoadClient.NewHttpClient();
        var signer = local.Get<LinkSigner>();
        var queues = local.Get<QueueServiceClient>();
        var runId = Guid.NewGuid().ToString("N")[..8];
        var now = TimeProvider.System.GetUtcNow();

        HttpRequestMessage Next(int n)
        {
            var pair = n % Pairs;
            var pairId = LocalPipeline.PairId(pair);
            switch (n % 20)
            {
                case < 14:
                    var (body, signature) = CalComDeliveries.Create(runId, n, LocalPipeline.MentorEmail(pair), LocalPipeline.MenteeEmail(pair), now);
                    var webhook = new HttpRequestMessage(HttpMethod.Post, new Uri(local.Address, "/api/" + WebhookRoutes.ForProgram(WebhookRoutes.CalCom, LocalPipeline.ProgramId))) { Content = new ByteArrayContent(body) };
                    webhook.Content.Headers.ContentType = new("application/json");
                    webhook.Headers.TryAddWithoutValidation(CalComDeliveries.SignatureHeader, signature);
                    webhook.Options.Set(Kind, 0);
                    return webhook;
                case < 17:
                    var token = signer.Sign(new LinkClaims(LinkPurpose.Met, LocalPipeline.ProgramId, pairId, $"soak-{runId}-{n}", $"mentor:{pairId}-a", now.AddDays(30)));
                    var checkIn = new HttpRequestMessage(HttpMethod.Post, new Uri(local.Address, "/api/checkin/" + token))
                    {
                        Content = new FormUrlEncodedContent([]),
                    };
                    checkIn.Options.Set(Kind, 1);
                    return checkIn;
                default:
                    var path = (n % 3) switch
                    {
                        0 => $"programs/{LocalPipeline.ProgramId}/pairs?pageSize=50",
                        1 => $"programs/{LocalPipeline.ProgramId}/health",
                        _ => $"programs/{LocalPipeline.ProgramId}/pairs/{pairId}/timeline",
                    };
                    var read = new HttpRequestMessage(HttpMethod.Get, new Uri(local.Address, "/api/" + path));
                    read.Headers.Authorization = new AuthenticationHeaderValue("Bearer", LocalPipeline.BootstrapKey);
                    read.Options.Set(Kind, 2);
                    return read;
            }
        }

        var minutes = TimeSpan.FromMinutes(args.Minutes);
        var interval = TimeSpan.FromSeconds(Math.Min(args.IntervalSeconds, minutes.TotalSeconds));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Soak: {args.Rate:F0} req/s (70% webhooks, 15% check-ins, 15% admin reads) for {args.Minutes:F1} min over {Pairs} pairs; queue pump and sweep (every minute) running; {Environment.ProcessorCount} cores"));
        output.WriteLine("| interval | requests | errors | p50 ms | p99 ms | p99 webhook / check-in / admin read ms | max ms | queue backlog | working set MB | GC heap MB | statuses |");
        output.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        var intervals = new List<(Latencies Run, double WorkingSet, double Heap)>();
        var clock = Stopwatch.StartNew();
        var index = 0;
        while (clock.Elapsed + (interval / 2) < minutes)
        {
            var run = new Latencies();
            Latencies[] kinds = [new(), new(), new()];
            var started = new List<Task>();
            var count = (int)(args.Rate * interval.TotalSeconds);
            var intervalClock = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                var due = TimeSpan.FromSeconds(i / args.Rate);
                if (due - intervalClock.Elapsed is { TotalMilliseconds: > 1 } wait)
                    await Task.Delay(wait);
                var request = Next(index++);
                request.Options.TryGetValue(Kind, out var kind);
                started.Add(LoadClient.TimeAsync(_ => LoadClient.SendAsync(http, request), i, intervalClock, due, run, kinds[kind]));
            }

            await Task.WhenAll(started);
            var backlog = 0;
            foreach (var queue in QueueNames.All)
                backlog += (await queues.GetQueueClient(queue).GetPropertiesAsync()).Value.ApproximateMessagesCount;
            using var process = Process.GetCurrentProcess();
            var workingSet = process.WorkingSet64 / 1048576.0;
            var heap = GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0;
            intervals.Add((run, workingSet, heap));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {intervals.Count} | {run.Count} | {run.Errors} | {run.Percentile(0.5):F1} | {run.Percentile(0.99):F1} | {kinds[0].Percentile(0.99):F0} / {kinds[1].Percentile(0.99):F0} / {kinds[2].Percentile(0.99):F0} | {run.Percentile(1):F1} | {backlog} | {workingSet:F0} | {heap:F0} | {run.Statuses()} |"));
        }

        var (first, last) = (intervals[0], intervals[^1]);
        var errors = intervals.Sum(i => i.Run.Errors);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"summary: {intervals.Sum(i => i.Run.Count)} requests, {errors} errors; latency drift (last / first interval): p50 {last.Run.Percentile(0.5) / first.Run.Percentile(0.5):F2}x, p99 {last.Run.Percentile(0.99) / first.Run.Percentile(0.99):F2}x; "
            + $"working set {first.WorkingSet:F0} -> {last.WorkingSet:F0} MB ({last.WorkingSet - first.WorkingSet:+0;-0} MB), GC heap {first.Heap:F0} -> {last.Heap:F0} MB ({last.Heap - first.Heap:+0;-0} MB)"));
        return errors == 0 ? 0 : 1;
    }

    /// <summary>0 webhook, 1 check-in, 2 admin read.</summary>
    private static readonly HttpRequestOptionsKey<int> Kind = new("ingestbench.kind");
}
