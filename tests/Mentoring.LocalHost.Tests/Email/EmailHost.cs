using Azure.Storage.Queues;
using Mentoring.Application.Evaluation;
using Mentoring.Application.Queues;
using Mentoring.LocalHost.Azurite;
using Mentoring.LocalHost.Queues;
using Mentoring.Testing;
using Mentoring.Tests.Admin;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Mentoring.Tests.Email;

/// <summary>
/// The local host's HTTP routes with a clock the test moves and a fresh .eml outbox: a program is run only through the
/// admin API, the queues are pumped as the local host pumps them, and what people receive is read from the outbox.
/// </summary>
internal sealed class EmailHost : IAsyncDisposable
{
    private readonly AzuriteProcess _azurite;

    private EmailHost(AzuriteProcess azurite, AdminApi api, FakeTimeProvider time, string outbox)
    {
        _azurite = azurite;
        Api = api;
        Time = time;
        OutboxDirectory = outbox;
    }

    public AdminApi Api { get; }

    public FakeTimeProvider Time { get; }

    public string OutboxDirectory { get; }

    /// <summary>On an Azurite of its own: the sweep reads only this program's pairs, whatever other tests left due.</summary>
    /// <param name="now">Where the test's clock starts.</param>
    /// <param name="settings">More settings (e.g. <c>Network:AllowPrivateTargets</c>, log levels).</param>
    /// <param name="services">More registrations, after the application's (e.g. a log provider).</param>
    public static async Task<EmailHost> StartAsync(
        DateTimeOffset now, IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null)
    {
        var azurite = await AzuriteProcess.StartAsync();
        var outbox = Directory.CreateTempSubdirectory("mentoring-email-").FullName;
        var time = new FakeTimeProvider(now);
        var all = new Dictionary<string, string> { ["Email:OutboxDirectory"] = outbox, ["Links:SigningKey"] = PipelineHarness.LinkSigningKey };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            all[key] = value;
        var api = await AdminApi.StartAsync(azurite.ConnectionString, all, s =>
        {
            s.AddSingleton<TimeProvider>(time);
            services?.Invoke(s);
        });
        return new EmailHost(azurite, api, time, outbox);
    }

    /// <summary>Pumps every queue until a full round finds nothing visible.</summary>
    public Task DrainAsync() => DrainAsync(Api.App.Services);

    /// <summary>Pumps every queue of the application's services until a full round finds nothing visible.</summary>
    public static async Task DrainAsync(IServiceProvider services)
    {
        var queues = services.GetRequiredService<QueueServiceClient>();
        var pumps = QueuePumpSetup.Bindings(services).Select(b => new QueuePump(
            queues.GetQueueClient(b.Key), queues.GetQueueClient(QueueNames.PoisonOf(b.Key)), b.Value,
            new QueuePumpOptions { RetryDelay = TimeSpan.FromMilliseconds(200) }, TimeProvider.System, NullLogger.Instance)).ToList();
        for (var round = 0; round < 200; round++)
        {
            var taken = await Task.WhenAll(pumps.Select(p => p.PumpOnceAsync(CancellationToken.None)));
            if (taken.Sum() == 0)
                return;
        }

        throw new InvalidOperationException("The queues did not drain in 200 rounds.");
    }

    /// <summary>The sweep at the clock's time, then the queues pumped: what the local host's timer and pump do.</summary>
    public async Task SweepAsync()
    {
        await Api.App.Services.GetRequiredService<SweepHandler>().RunAsync(default);
        await DrainAsync();
    }

    /// <summary>Moves the clock by whole days, sweeping after each.</summary>
    public async Task LiveDaysAsync(int days)
    {
        for (var day = 0; day < days; day++)
        {
            Time.Advance(TimeSpan.FromDays(1));
            await SweepAsync();
        }
    }

    public IReadOnlyList<Eml> Emails() =>
        [.. Directory.GetFiles(OutboxDirectory, "*.eml").Order(StringComparer.Ordinal).Select(Eml.Read)];

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        await _azurite.DisposeAsync();
        Directory.Delete(OutboxDirectory, recursive: true);
    }
}
