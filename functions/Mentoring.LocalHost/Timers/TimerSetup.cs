using Mentoring.Application.Evaluation;
using Mentoring.Application.Ingest;
using Mentoring.Application.Ingest.Connections;
using Microsoft.Extensions.Options;

namespace Mentoring.LocalHost.Timers;

/// <summary>The timer functions, on the same CRON settings the Functions app reads (<c>SweepSchedule</c>).</summary>
internal static partial class TimerSetup
{
    public static WebApplicationBuilder AddTimers(this WebApplicationBuilder builder)
    {
        builder.Services.AddHostedService<SweepTimer>();
        builder.Services.AddHostedService<CalendarTimers>();
        return builder;
    }

    /// <summary>Subscription renewal and ICS polling, on <c>SubscriptionRenewalSchedule</c> and <c>IcsPollSchedule</c>.</summary>
    private sealed partial class CalendarTimers(
        ConnectionMaintenance maintenance, IcsFeedPoller feeds, IOptions<CalendarScheduleOptions> options, TimeProvider time, ILogger<CalendarTimers> logger)
        : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(
            RunOnScheduleAsync(options.Value.RenewalCron, maintenance.RunAsync, "subscription renewal", stoppingToken),
            RunOnScheduleAsync(options.Value.IcsPollCron, feeds.RunAsync, "ICS poll", stoppingToken));

        private async Task RunOnScheduleAsync(Cronos.CronExpression cron, Func<CancellationToken, Task> run, string name, CancellationToken stoppingToken)
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = time.GetUtcNow();
                if (cron.GetNextOccurrence(now.UtcDateTime) is not { } next)
                    return;
                await Task.Delay(next - now.UtcDateTime, time, stoppingToken);
                try
                {
                    await run(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogTimerFailed(e, name);
                }
            }
        }

        [LoggerMessage(6102, LogLevel.Error, "The {Timer} timer failed; the next one runs on schedule")]
        private partial void LogTimerFailed(Exception e, string timer);
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

        [LoggerMessage(6101, LogLevel.Error, "The sweep failed; the next one runs on schedule")]
        private partial void LogSweepFailed(Exception e);
    }
}
