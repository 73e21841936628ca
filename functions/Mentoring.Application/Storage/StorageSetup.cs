using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Mentoring.Application.Evaluation;
using Mentoring.Application.Ingest;
using Mentoring.Application.Integration;
using Mentoring.Application.Outbox;
using Mentoring.Application.Queues;
using Mentoring.Application.Roster;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Mentoring.Application.Storage;

/// <summary>
/// The storage account, named as the Functions host names it: <c>AzureWebJobsStorage</c> is a connection string
/// (Azurite, local), or <c>AzureWebJobsStorage__tableServiceUri</c> and <c>__queueServiceUri</c> (managed identity).
/// </summary>
internal sealed class StorageOptions
{
    public const string Setting = "AzureWebJobsStorage";

    public string? ConnectionString { get; set; }

    public Uri? TableServiceUri { get; set; }

    public Uri? QueueServiceUri { get; set; }

    public bool IsValid => !string.IsNullOrWhiteSpace(ConnectionString) || (TableServiceUri is not null && QueueServiceUri is not null);

    public static StorageOptions From(IConfiguration configuration) => new()
    {
        ConnectionString = configuration[Setting],
        TableServiceUri = configuration[$"{Setting}:tableServiceUri"] is { Length: > 0 } table ? new Uri(table) : null,
        QueueServiceUri = configuration[$"{Setting}:queueServiceUri"] is { Length: > 0 } queue ? new Uri(queue) : null,
    };
}

public static class StorageSetup
{
    /// <summary>
    /// Table and queue clients (registered once; throttling and server errors retried with exponential backoff), the
    /// stores, and a start-up step that creates the tables and queues. Every <see cref="HttpPipelinePolicy"/> in the
    /// container joins both pipelines (the benchmark counts transactions with one).
    /// </summary>
    public static TBuilder AddStorage<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        services.AddOptions<StorageOptions>()
            .Configure<IConfiguration>((o, configuration) =>
            {
                var read = StorageOptions.From(configuration);
                o.ConnectionString = read.ConnectionString;
                o.TableServiceUri = read.TableServiceUri;
                o.QueueServiceUri = read.QueueServiceUri;
            })
            .Validate(o => o.IsValid, $"Set {StorageOptions.Setting} to a connection string, or {StorageOptions.Setting}__tableServiceUri and __queueServiceUri.")
            .ValidateOnStart();

        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var options = new TableClientOptions();
            Configure(options.Retry);
            foreach (var policy in sp.GetServices<HttpPipelinePolicy>())
                options.AddPolicy(policy, HttpPipelinePosition.PerRetry);
            return string.IsNullOrWhiteSpace(o.ConnectionString)
                ? new TableServiceClient(o.TableServiceUri, new DefaultAzureCredential(), options)
                : new TableServiceClient(o.ConnectionString, options);
        });
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            // Base64, as the Functions QueueTrigger reads and writes them.
            var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
            Configure(options.Retry);
            foreach (var policy in sp.GetServices<HttpPipelinePolicy>())
                options.AddPolicy(policy, HttpPipelinePosition.PerRetry);
            return string.IsNullOrWhiteSpace(o.ConnectionString)
                ? new QueueServiceClient(o.QueueServiceUri, new DefaultAzureCredential(), options)
                : new QueueServiceClient(o.ConnectionString, options);
        });

        services.AddSingleton<ProgramChanges>();
        services.AddSingleton<PairDirectoryChanges>();
        services.AddSingleton<ProgramStore>();
        services.AddSingleton<ParticipantStore>();
        services.AddSingleton<TemplateOverrideStore>();
        services.AddSingleton<PairStore>();
        services.AddSingleton<PairLogStore>();
        services.AddSingleton<LedgerStore>();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<PendingEventStore>();
        services.AddSingleton<DueIndex>();
        services.AddSingleton<ProgramDayStore>();
        services.AddSingleton<DedupeStore>();
        services.AddSingleton<MessageQueues>();
        services.AddSingleton<QueueInvocation>();
        services.AddHostedService<StorageInitializer>();
        return builder;
    }

    private static void Configure(RetryOptions retry)
    {
        // 408, 429, 500, 502, 503 and 504 are retried by the SDK; these make it patient enough for throttling.
        retry.Mode = RetryMode.Exponential;
        retry.MaxRetries = 6;
        retry.Delay = TimeSpan.FromMilliseconds(200);
        retry.MaxDelay = TimeSpan.FromSeconds(15);
        retry.NetworkTimeout = TimeSpan.FromSeconds(30);
    }
}

/// <summary>Creates the tables and queues (with their poison queues) before anything else starts.</summary>
internal sealed class StorageInitializer(TableServiceClient tables, QueueServiceClient queues) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var table in TableNames.All)
            await tables.CreateTableIfNotExistsAsync(table, cancellationToken);
        foreach (var queue in QueueNames.All)
        {
            await queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await queues.GetQueueClient(QueueNames.PoisonOf(queue)).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
