using Mentoring.Application.Engagement;
using Microsoft.Extensions.Options;

namespace Mentoring.LocalHost.Timers;

/// <summary>The timer functions, on the same CRON settings the Functions app reads (<c>SweepSchedule</c>).</summary>
internal static partial class TimerSetup
{
    public static WebApplicationBuilder AddTimers(this WebApplicationBuilder builder)
    {
        builder.Services.AddHostedService<SweepTimer>();
        return builder;
    }

    private sealed partial class SweepTimer(SweepHandler sweep, IOptions<SweepOptions> options, TimeProvider time, ILogger<SweepTimer> logger)
        : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            var cron = options.Value.Cron;
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = time.GetUtcNow();
                if (cron.GetNextOccurrence(now.UtcDateTime) is not { } next)
                    return;
                await Task.Delay(next - now.UtcDateTime, time, stoppingToken);
                try
                {
                    await sweep.RunAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // As a failed Functions timer run: logged, and the next occurrence runs as scheduled.
                    LogSweepFailed(e);
                }
            }
        }

        [LoggerMessage(5101, LogLevel.Error, "The sweep failed; the next one runs on schedule")]
        private partial void LogSweepFailed(Exception e);
    }
}
