using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Mentoring.Application.Ingest.Webhooks;
using Mentoring.Application.Queues;
using Mentoring.Application.Storage;

namespace Mentoring.IngestBench;

/// <summary>
/// Signed Cal.com deliveries to the local host's webhook route and to a bare Kestrel, at a fixed arrival rate and at a
/// fixed concurrency, plus the floor under the local host: its two storage calls (enqueue, insert the replay key)
/// without HTTP. Then checks that every 202 left a dedupe row and a queue message (no pump runs here).
/// </summary>
internal static class IngestBenchmark
{
    private const string Bare = "bare Kestrel";
    private const string Local = "local host";
    private const string StorageOnly = "storage calls only";
    private const string FloorQueue = "ingest-bench-floor";
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(BenchArguments args, TextWriter output)
    {
        await using var local = await LocalPipeline.StartAsync(pairs: 1, background: false);
        await using var bare = await BareKestrel.StartAsync();
        using var http = LoadClient.NewHttpClient();
        var runId = Guid.NewGuid().ToString("N")[..8];
        var now = TimeProvider.System.GetUtcNow();
        var check = new AcceptedCheck();
        var next = 0;
        (byte[] Body, string Signature) NextDelivery() =>
            CalComDeliveries.Create(runId, Interlocked.Increment(ref next), LocalPipeline.MentorEmail(0), LocalPipeline.MenteeEmail(0), now);

        async Task<int> PostAsync(Uri target, bool track)
        {
            var (body, signature) = NextDelivery();
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target, "/api/" + WebhookRoutes.ForProgram(WebhookRoutes.CalCom, LocalPipeline.ProgramId))) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.TryAddWithoutValidation(CalComDeliveries.SignatureHeader, signature);
            var status = await LoadClient.SendAsync(http, request);
            if (track && status == 202)
                check.Accepted(body);
            else if (track)
                check.NotAccepted();
            return status;
        }

        var queues = local.Get<MessageQueues>();
        var dedupe = local.Get<DedupeStore>();
        await queues.Client(FloorQueue).CreateIfNotExistsAsync();
        async Task<int> StorageOnlyAsync()
        {
            var (body, _) = NextDelivery();
            await queues.SendRawAsync(FloorQueue, Convert.ToBase64String(body), default);
            return await dedupe.TryMarkDoneAsync(FloorQueue, ReplayKeys.OfBody(CalendarProviders.CalCom, body), now, default) ? 202 : 200;
        }

        var targets = new (string Name, Func<int, Task<int>> Operation)[]
        {
            (Bare, _ => PostAsync(bare.Address, track: false)),
            (Local, _ => PostAsync(local.Address, track: true)),
            (StorageOnly, _ => StorageOnlyAsync()),
        };
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Webhook ingest: signed Cal.com BOOKING_CREATED, {args.Seconds} s per run after {WarmUp.TotalSeconds:F0} s of warm-up; open model {args.Rate:F0} req/s, closed model {args.Concurrency} clients; {Environment.ProcessorCount} cores"));
        foreach (var (_, operation) in targets)
            await LoadClient.OpenAsync(operation, args.Rate, WarmUp);

        var duration = TimeSpan.FromSeconds(args.Seconds);
        var open = new Dictionary<string, Latencies>(StringComparer.Ordinal);
        var closed = new Dictionary<string, Latencies>(StringComparer.Ordinal);
        output.WriteLine("| model | target | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | errors | statuses |");
        output.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var (name, operation) in targets)
        {
            var run = open[name] = await LoadClient.OpenAsync(operation, args.Rate, duration);
            Row(output, $"open {args.Rate:F0}/s", name, run, run.Count / duration.TotalSeconds);
        }

        foreach (var (name, operation) in targets)
        {
            var (run, seconds) = await LoadClient.ClosedAsync(operation, args.Concurrency, duration);
            closed[name] = run;
            Row(output, $"closed {args.Concurrency}", name, run, run.Count / seconds);
        }

        foreach (var (model, runs) in new[] { ("open", open), ("closed", closed) })
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"overhead ({model}): local host / bare Kestrel p50 {runs[Local].Percentile(0.5) / runs[Bare].Percentile(0.5):F1}x, p99 {runs[Local].Percentile(0.99) / runs[Bare].Percentile(0.99):F1}x; "
                + $"local host / storage calls only p50 {runs[Local].Percentile(0.5) / runs[StorageOnly].Percentile(0.5):F1}x, p99 {runs[Local].Percentile(0.99) / runs[StorageOnly].Percentile(0.99):F1}x"));
        }

        output.WriteLine(await check.VerifyAsync(local.Get<TableServiceClient>(), local.Get<QueueServiceClient>()));
        return 0;
    }

    private static void Row(TextWriter output, string model, string target, Latencies run, double perSecond) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {model} | {target} | {run.Count} | {perSecond:F0} | {run.Percentile(0.5):F1} | {run.Percentile(0.9):F1} | {run.Percentile(0.99):F1} | {run.Percentile(1):F1} | {run.Errors} | {run.Statuses()} |"));
}
