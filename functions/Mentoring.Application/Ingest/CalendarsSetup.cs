using Azure.Identity;
using Cronos;
using Mentoring.Application.Ingest.Connections;
using Mentoring.Application.Ingest.Google;
using Mentoring.Application.Ingest.Graph;
using Mentoring.Application.Ingest.Webhooks;
using Mentoring.Application.Outbound;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;

namespace Mentoring.Application.Ingest;

/// <summary>The calendar timers' schedules: app settings, six-field CRON as the Functions timers read them.</summary>
public sealed class CalendarScheduleOptions
{
    public const string RenewalSetting = "SubscriptionRenewalSchedule";
    public const string IcsPollSetting = "IcsPollSchedule";

    public string Renewal { get; set; } = "0 0 */6 * * *";

    public string IcsPoll { get; set; } = "0 */15 * * * *";

    public CronExpression RenewalCron => CronExpression.Parse(Renewal, CronFormat.IncludeSeconds);

    public CronExpression IcsPollCron => CronExpression.Parse(IcsPoll, CronFormat.IncludeSeconds);

    internal bool IsValid => CronExpression.TryParse(Renewal, CronFormat.IncludeSeconds, out _) && CronExpression.TryParse(IcsPoll, CronFormat.IncludeSeconds, out _);
}

public static class CalendarsSetup
{
    /// <summary>Webhook ingest, the calendar-changes handler, provider clients, connection upkeep and ICS polling.</summary>
    public static TBuilder AddCalendars<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        services.AddOptions<WebhookOptions>()
            .BindConfiguration(WebhookOptions.Section)
            .Validate(o => o.Validate().Count == 0, "Webhooks: at most two non-empty secrets per provider; a Graph clientState is at most 128 characters.")
            .ValidateOnStart();
        services.AddOptions<CalendarClientOptions>()
            .BindConfiguration(CalendarClientOptions.Section)
            .Validate(o => !o.Problems().Any(), "Calendars: RenewBefore 0–6 days, lifetimes longer than it (Graph ≤ 10,080 min), absolute base URLs.")
            .ValidateOnStart();
        services.AddOptions<CalendarScheduleOptions>()
            .Configure<IConfiguration>((o, configuration) =>
            {
                o.Renewal = configuration[CalendarScheduleOptions.RenewalSetting] ?? o.Renewal;
                o.IcsPoll = configuration[CalendarScheduleOptions.IcsPollSetting] ?? o.IcsPoll;
            })
            .Validate(o => o.IsValid, $"{CalendarScheduleOptions.RenewalSetting} and {CalendarScheduleOptions.IcsPollSetting} must be six-field CRON expressions.")
            .ValidateOnStart();

        services.AddSingleton<ConnectionStore>();
        services.AddSingleton<MeetingStore>();
        services.AddHostedService<CalendarTablesInitializer>();
        services.AddSingleton<PairDirectory>();
        services.AddSingleton<WebhookIngest>();
        services.AddSingleton<LedgerIngest>();
        services.AddSingleton<ErasedDeliveries>();
        services.AddSingleton<CalendarDeliveryHandler>();
        services.AddSingleton<CalendarQueue>();
        services.AddSingleton<GraphConnections>();
        services.AddSingleton<GoogleConnections>();
        services.AddSingleton<ConnectionMaintenance>();
        services.AddSingleton<IcsFeedPoller>();
        services.AddSingleton<ConnectionOnboarding>();
        services.AddSingleton<IGoogleAccessTokens>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CalendarClientOptions>>();
            return ServiceAccountKey.TryParse(options.Value.Google.ServiceAccountKey ?? "", out var key)
                ? ActivatorUtilities.CreateInstance<GoogleServiceAccountTokens>(sp, key)
                : new ConfiguredGoogleAccessTokens(options);
        });

        services.AddSingleton(sp => CreateGraph(sp.GetRequiredService<IOptions<CalendarClientOptions>>().Value.Graph));
        services.AddSingleton(sp => new GraphCalendarClient(sp.GetRequiredService<GraphServiceClient>()));
        services.AddHttpClient(GoogleConnections.HttpClientName, (sp, client) =>
        {
            var baseUrl = sp.GetRequiredService<IOptions<CalendarClientOptions>>().Value.Google.BaseUrl.AbsoluteUri;
            client.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
            client.Timeout = TimeSpan.FromSeconds(60);
        });
        services.AddHttpClient(GoogleServiceAccountTokens.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddUserTargetClient(IcsFeedPoller.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(60));
        return builder;
    }

    private static GraphServiceClient CreateGraph(GraphConnectionOptions o)
    {
        var baseUrl = o.BaseUrl.AbsoluteUri.TrimEnd('/');
        if (o.Anonymous)
            return new GraphServiceClient(GraphClientFactory.Create(), new AnonymousAuthenticationProvider(), baseUrl);
        Azure.Core.TokenCredential credential = o is { TenantId: { } tenant, ClientId: { } client, ClientSecret: { } secret }
            ? new ClientSecretCredential(tenant, client, secret)
            : new DefaultAzureCredential();
        return new GraphServiceClient(credential, ["https://graph.microsoft.com/.default"], baseUrl);
    }
}

/// <summary>Creates the calendar tables before anything else runs.</summary>
internal sealed class CalendarTablesInitializer(ConnectionStore connections, MeetingStore meetings) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await connections.CreateTableAsync(cancellationToken);
        await meetings.CreateTableAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
