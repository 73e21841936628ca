using Mentoring.Application.Email;
using Mentoring.Application.Engagement;
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
        builder.Services.AddSingleton<DemoSeeder>();
        builder.Services.AddHostedService<DemoRun>();
        return builder;
    }

    private sealed partial class DemoRun(
        DemoSeeder seeder, SweepHandler sweep, IOptions<EmailOptions> email, TimeProvider time, ILogger<DemoRun> logger) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            var pairs = await seeder.SeedAsync(time.GetUtcNow(), stoppingToken);
            var swept = await sweep.RunAsync(stoppingToken);
            LogSeeded(pairs, swept.PairsEnqueued, Path.GetFullPath(email.Value.OutboxDirectory));
        }

        [LoggerMessage(6001, LogLevel.Information, "Demo: seeded {Pairs} pairs, swept {Due} due; emails land in {Outbox}")]
        private partial void LogSeeded(int pairs, int due, string outbox);
    }
}
