using Mentoring.Application.Evaluation;
using Mentoring.Application.Outbox;
using Mentoring.LocalHost.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Mentoring.LocalHost.Demo;

/// <summary><c>--demo</c>: seed the demo program at start-up and run one sweep straight away.</summary>
internal static partial class DemoSetup
{
    public const string Flag = "--demo";

    public static bool Requested(string[] args) => args.Contains(Flag, StringComparer.Ordinal);

    /// <summary>The arguments the configuration sees (a bare flag is not a key=value pair).</summary>
    public static string[] Without(string[] args) => [.. args.Where(a => a != Flag)];

    public static WebApplicationBuilder AddDemo(this WebApplicationBuilder builder, bool requested)
    {
        if (!requested)
            return builder;
        builder.Services.AddSingleton(DemoGuide.EnsureKey(builder.Configuration));
        builder.Services.AddSingleton<DemoSeeder>();
        builder.Services.AddHostedService<DemoRun>();
        return builder;
    }

    /// <summary>Where the demo's guide is written; the console unless a test says otherwise.</summary>
    internal sealed class GuideWriter(TextWriter writer)
    {
        public TextWriter Writer { get; } = writer;
    }

    private sealed partial class DemoRun(
        DemoSeeder seeder,
        SweepHandler sweep,
        IOptions<EmailOptions> email,
        DemoKey key,
        IServer server,
        IHostApplicationLifetime lifetime,
        IServiceProvider services,
        TimeProvider time,
        ILogger<DemoRun> logger) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            var pairs = await seeder.SeedAsync(time.GetUtcNow(), stoppingToken);
            var swept = await sweep.RunAsync(stoppingToken);
            var outbox = Path.GetFullPath(email.Value.OutboxDirectory);
            LogSeeded(pairs, swept.PairsEnqueued, outbox);

            // The guide names the address Kestrel listens on, known once the host has started.
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
                await started.Task;
            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? HttpSetup.Url;
            var writer = services.GetService<GuideWriter>()?.Writer ?? Console.Out;
            await writer.WriteAsync(DemoGuide.Text(new Uri(address), outbox, key, pairs));
            await writer.FlushAsync(stoppingToken);
        }

        [LoggerMessage(6201, LogLevel.Information, "Demo: seeded {Pairs} pairs, swept {Due} due; emails land in {Outbox}")]
        private partial void LogSeeded(int pairs, int due, string outbox);
    }
}
