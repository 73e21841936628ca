using Cronos;
using Mentoring.Application.Ingest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Mentoring.Application.Evaluation;

/// <summary>The sweep's schedule: app setting <c>SweepSchedule</c>, six-field CRON as the Functions timer reads it.</summary>
public sealed class SweepOptions
{
    public const string Setting = "SweepSchedule";

    public string Schedule { get; set; } = "0 0 * * * *";

    public CronExpression Cron => CronExpression.Parse(Schedule, CronFormat.IncludeSeconds);

    internal bool IsValid => CronExpression.TryParse(Schedule, CronFormat.IncludeSeconds, out _);
}

public static class EngagementSetup
{
    public static TBuilder AddEngagement<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<SweepOptions>()
            .Configure<IConfiguration>((o, configuration) => o.Schedule = configuration[SweepOptions.Setting] ?? o.Schedule)
            .Validate(o => o.IsValid, $"{SweepOptions.Setting} must be a six-field CRON expression (seconds first).")
            .ValidateOnStart();
        builder.Services.AddSingleton<ProgramStep>();
        builder.Services.AddSingleton<ProgramContextCache>();
        builder.Services.AddSingleton<ProgramActivityCache>();
        builder.Services.AddSingleton<SweepHandler>();
        builder.Services.AddSingleton<EvaluatePairHandler>();
        builder.Services.AddSingleton<CalendarChangeHandler>();
        return builder;
    }
}
