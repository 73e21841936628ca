using Azure.Storage.Queues;
using Mentoring.Application.Queues;
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
    private EmailHost(AdminApi api, FakeTimeProvider time, string outbox)
    {
        Api = api;
        Time = time;
        OutboxDirectory = outbox;
    }

    public AdminApi Api { get; }

    public FakeTimeProvider Time { get; }

    public string OutboxDirectory { get; }

    public static async Task<EmailHost> StartAsync(AzuriteFixture azurite, DateTimeOffset now)
    {
        var outbox = Directory.CreateTempSubdirectory("mentoring-email-").FullName;
        var time = new FakeTimeProvider(now);
        var api = await AdminApi.StartAsync(
            azurite,
            new Dictionary<string, string> { ["Email:OutboxDirectory"] = outbox, ["Links:SigningKey"] = PipelineHarness.LinkSigningKey },
            services => services.AddSingleton<TimeProvider>(time));
        var queues = api.App.Services.GetRequiredService<QueueServiceClient>();
        foreach (var queue in QueueNames.All)
        {
            await queues.GetQueueClient(queue).CreateIfNotExistsAsync();
            await queues.GetQueueClient(queue).ClearMessagesAsync(); // other tests' evaluations are not this program's
        }

        return new EmailHost(api, time, outbox);
    }

    /// <summary>Pumps every queue until a full round finds nothing visible.</summary>
    public async Task DrainAsync()
    {
        var services = Api.App.Services;
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

    public IReadOnlyList<Eml> Emails() =>
        [.. Directory.GetFiles(OutboxDirectory, "*.eml").Order(StringComparer.Ordinal).Select(Eml.Read)];

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        Directory.Delete(OutboxDirectory, recursive: true);
    }
}
