using Mentoring.Application.Evaluation;
using Mentoring.Application.Hosting;
using Mentoring.Application.Roster;
using Mentoring.Engine.Policy;
using Mentoring.LocalHost.Azurite;
using Mentoring.LocalHost.Http;
using Mentoring.LocalHost.Queues;
using Mentoring.LocalHost.Timers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Mentoring.IngestBench;

/// <summary>
/// Azurite (in memory, its own ports) and the local host as Program.cs wires it, on a free loopback port: the HTTP
/// routes always; the queue pump and the timers (sweep every minute) for the soak. Seeds one program with
/// <c>pairs</c> pairs whose participants' addresses the Cal.com deliveries name.
/// </summary>
internal sealed class LocalPipeline : IAsyncDisposable
{
    public const string ProgramId = "bench";
    public const string BootstrapKey = "ingest-bench-bootstrap-key-0123456789abcdef";
    private readonly AzuriteProcess _azurite;
    private readonly string _outbox;

    private LocalPipeline(AzuriteProcess azurite, WebApplication app, string outbox, int pairs)
    {
        _azurite = azurite;
        App = app;
        _outbox = outbox;
        Pairs = pairs;
        Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public int Pairs { get; }

    public T Get<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    public static string PairId(int n) => $"pair-{n % 100_000:D5}";

    public static string MentorEmail(int pair) => $"mentor.{pair:D5}@bench.example";

    public static string MenteeEmail(int pair) => $"mentee.{pair:D5}@bench.example";

    public static async Task<LocalPipeline> StartAsync(int pairs, bool background)
    {
        var azurite = await AzuriteProcess.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => azurite.DisposeAsync().AsTask().GetAwaiter().GetResult(); // Ctrl+C mid-run
        var outbox = Directory.CreateTempSubdirectory("ingestbench-outbox-").FullName;
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Email:OutboxDirectory"] = outbox,
            ["Webhooks:CalCom:Secrets:0"] = CalComDeliveries.Secret,
            ["Links:SigningKey"] = "ingest-bench-link-signing-key-of-32-characters-or-more",
            ["Auth:BootstrapKey"] = BootstrapKey,
            ["SweepSchedule"] = "0 * * * * *",
        })
        {
            builder.Configuration[key] = value;
        }

        builder.AddMentoringApplication();
        if (background)
        {
            builder.AddQueuePump();
            builder.AddTimers();
        }

        var app = builder.Build();
        app.UseHttpProblems();
        app.MapMentoringRoutes();
        await app.StartAsync();
        var pipeline = new LocalPipeline(azurite, app, outbox, pairs);
        await pipeline.SeedAsync(TimeProvider.System.GetUtcNow());
        return pipeline;
    }

    private async Task SeedAsync(DateTimeOffset now)
    {
        var policy = EngagementPolicy.Default with { Sending = new SendingPolicy { IgnoreQuietHours = true } };
        await Get<ProgramStore>().SaveAsync(new ProgramRecord(ProgramId, "Bench", "Europe/Berlin", policy, "admin@bench.example"), default);
        await Parallel.ForEachAsync(Enumerable.Range(0, Pairs), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (n, ct) =>
        {
            var pairId = PairId(n);
            await Get<ParticipantStore>().SaveAsync(new ParticipantRecord(ProgramId, pairId + "-a", "Mentor " + n, MentorEmail(n), "Europe/Berlin"), ct);
            await Get<ParticipantStore>().SaveAsync(new ParticipantRecord(ProgramId, pairId + "-b", "Mentee " + n, MenteeEmail(n), "Europe/London"), ct);
            await Get<PairStore>().SaveAsync(new PairRecord(ProgramId, pairId, pairId + "-a", pairId + "-b", now.AddDays(-30)), ct);
            var dueKey = await Get<DueIndex>().ScheduleAsync(ProgramId, pairId, now, ct);
            await Get<PairStore>().RecordSummaryAsync(ProgramId, pairId, PairSummary.None with { DueKey = dueKey }, ct);
        });
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await _azurite.DisposeAsync();
        Directory.Delete(_outbox, recursive: true);
    }
}
