using Azure.Storage.Queues;
using Mentoring.Application.Hosting;
using Mentoring.Application.Queues;
using Mentoring.LocalHost.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Mentoring.Testing;

/// <summary>
/// The application as a host runs it, against the fixture's Azurite, with a fake clock and a fresh outbox folder. The
/// queues start empty; <see cref="DrainAsync"/> pumps them with the local host's pump until nothing visible is left.
/// </summary>
internal sealed class PipelineHarness : IAsyncDisposable
{
    private readonly IHost _host;

    private PipelineHarness(IHost host, FakeTimeProvider time, string outbox)
    {
        _host = host;
        Time = time;
        OutboxDirectory = outbox;
    }

    public const string LinkSigningKey = "test-link-signing-key-of-at-least-32-characters";

    public IServiceProvider Services => _host.Services;

    public FakeTimeProvider Time { get; }

    public string OutboxDirectory { get; }

    public T Get<T>()
        where T : notnull => _host.Services.GetRequiredService<T>();

    public static Task<PipelineHarness> StartAsync(
        AzuriteFixture azurite, DateTimeOffset now, Action<IServiceCollection>? configure = null, Action<IConfigurationBuilder>? configuration = null) =>
        StartAsync(azurite.ConnectionString, now, configure, configuration);

    public static async Task<PipelineHarness> StartAsync(
        string storageConnectionString, DateTimeOffset now, Action<IServiceCollection>? configure = null, Action<IConfigurationBuilder>? configuration = null)
    {
        var outbox = Directory.CreateTempSubdirectory("mentoring-outbox-").FullName;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storageConnectionString,
            ["Email:OutboxDirectory"] = outbox,
            ["Links:SigningKey"] = LinkSigningKey,
        });
        configuration?.Invoke(builder.Configuration);
        var time = new FakeTimeProvider(now);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddLogging();
        builder.AddMentoringApplication();
        configure?.Invoke(builder.Services); // after the application's registrations, so a test's replacements win
        var host = builder.Build();
        await host.StartAsync();
        var queues = host.Services.GetRequiredService<QueueServiceClient>();
        foreach (var queue in QueueNames.All)
        {
            await queues.GetQueueClient(queue).ClearMessagesAsync();
            await queues.GetQueueClient(QueueNames.PoisonOf(queue)).ClearMessagesAsync();
        }

        return new PipelineHarness(host, time, outbox);
    }

    /// <summary>Pumps every queue (as many pumps as asked, concurrently) until a full round finds nothing visible.</summary>
    public async Task<int> DrainAsync(int pumps = 1, QueuePumpOptions? options = null)
    {
        var queues = Get<QueueServiceClient>();
        var bindings = QueuePumpSetup.Bindings(Services);
        var all = Enumerable.Range(0, pumps).SelectMany(_ => bindings.Select(b => new QueuePump(
            queues.GetQueueClient(b.Key), queues.GetQueueClient(QueueNames.PoisonOf(b.Key)), b.Value,
            options ?? new QueuePumpOptions { RetryDelay = TimeSpan.FromMilliseconds(200) }, TimeProvider.System, NullLogger.Instance))).ToList();
        var total = 0;
        for (var round = 0; round < 200; round++)
        {
            var taken = await Task.WhenAll(all.Select(p => p.PumpOnceAsync(CancellationToken.None)));
            total += taken.Sum();
            if (taken.Sum() == 0)
                return total;
        }

        throw new InvalidOperationException("The queues did not drain in 200 rounds.");
    }

    public async Task<int> CountAsync(string queue)
    {
        var properties = await Get<QueueServiceClient>().GetQueueClient(queue).GetPropertiesAsync();
        return properties.Value.ApproximateMessagesCount;
    }

    public string[] Emails() =>
        Directory.Exists(OutboxDirectory) ? [.. Directory.GetFiles(OutboxDirectory, "*.eml").Select(File.ReadAllText)] : [];

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Directory.Delete(OutboxDirectory, recursive: true);
    }
}
