using System.Collections.Concurrent;
using Azure.Data.Tables;
using Mentoring.Application.Evaluation;
using Mentoring.Application.Ingest;
using Mentoring.Application.Ingest.Connections;
using Mentoring.Application.Integration;
using Mentoring.Application.Roster;
using Mentoring.Application.Storage;
using Mentoring.Engine.Ledger;
using Mentoring.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Mentoring.Tests.Calendars.Connections;

/// <summary>
/// The application against the fixture's Azurite with a fake clock, Graph and Google pointed at one loopback server, the
/// calendar tables emptied, one pair (maria / tom, <c>pair-42</c>) and integration events recorded.
/// </summary>
internal sealed class ConnectionsHarness : IAsyncDisposable
{
    public const string ProgramId = "prog-connections";
    public const string PairId = "pair-42";
    public const string GraphState = "graph-client-state";
    public const string GoogleToken = "google-channel-token";
    public const string GraphUser = "9c8e6d1b-0f3b-4a1d-8a43-2c44b7e0a001";
    public static readonly Uri GraphNotifications = new("https://mentoring.example/api/webhooks/graph");
    public static readonly Uri GraphLifecycle = new("https://mentoring.example/api/webhooks/graph/lifecycle");
    public static readonly Uri GoogleWebhook = new("https://mentoring.example/api/webhooks/google");

    /// <summary>For tests whose feeds or subscribers are loopback servers: by default such targets are refused.</summary>
    public static readonly IReadOnlyDictionary<string, string?> LoopbackTargets = new Dictionary<string, string?> { ["Network:AllowPrivateTargets"] = "true" };

    private readonly PipelineHarness _pipeline;

    private ConnectionsHarness(PipelineHarness pipeline, RecordingPublisher events)
    {
        _pipeline = pipeline;
        Events = events;
    }

    public static DateTimeOffset Now { get; } = new(2025, 3, 21, 12, 0, 0, TimeSpan.Zero);

    public RecordingPublisher Events { get; }

    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Time => _pipeline.Time;

    public ConnectionStore Connections => Get<ConnectionStore>();

    public T Get<T>()
        where T : notnull => _pipeline.Get<T>();

    public static async Task<ConnectionsHarness> StartAsync(AzuriteFixture azurite, Uri? api = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var events = new RecordingPublisher();
        var all = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Webhooks:Graph:Secrets:0"] = GraphState,
            ["Webhooks:Google:Secrets:0"] = GoogleToken,
            ["Calendars:Graph:Anonymous"] = "true",
            ["Calendars:Graph:NotificationUrl"] = GraphNotifications.AbsoluteUri,
            ["Calendars:Graph:LifecycleNotificationUrl"] = GraphLifecycle.AbsoluteUri,
            ["Calendars:Google:WebhookUrl"] = GoogleWebhook.AbsoluteUri,
            ["Calendars:Google:AccessToken"] = "test-access-token",
        };
        if (api is not null)
        {
            all["Calendars:Graph:BaseUrl"] = api.AbsoluteUri + "v1.0";
            all["Calendars:Google:BaseUrl"] = api.AbsoluteUri + "calendar/v3/";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            all[key] = value;
        var pipeline = await PipelineHarness.StartAsync(
            azurite, Now, services => services.AddSingleton<IIntegrationEventPublisher>(events), configuration => configuration.AddInMemoryCollection(all));
        var harness = new ConnectionsHarness(pipeline, events);
        await harness.ResetAsync();
        return harness;
    }

    public async Task<CalendarConnection> GetAsync(CalendarConnection connection) =>
        await Connections.GetAsync(connection.Provider, connection.ConnectionId, default) ?? throw new InvalidOperationException("The connection is gone.");

    public async Task<IReadOnlyList<LedgerChange>> LedgerAsync() =>
        (await Get<PairLogStore>().LoadAsync(Keys.PairLog(ProgramId, PairId), default)).Ledger;

    public ValueTask DisposeAsync() => _pipeline.DisposeAsync();

    private async Task ResetAsync()
    {
        var tables = Get<TableServiceClient>();
        foreach (var table in new[] { TableNames.Dedupe, MeetingStore.TableName, ConnectionStore.TableName, TableNames.PairLogs })
        {
            var client = tables.GetTableClient(table);
            await client.CreateIfNotExistsAsync();
            await foreach (var row in client.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
                await client.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }

        await Get<ParticipantStore>().SaveAsync(new ParticipantRecord(ProgramId, "p-maria", "Maria Mentor", "maria.mentor@contoso.com", "Europe/Amsterdam"), default);
        await Get<ParticipantStore>().SaveAsync(new ParticipantRecord(ProgramId, "p-tom", "Tom Mentee", "tom.mentee@contoso.com", "Europe/London"), default);
        await Get<PairStore>().SaveAsync(new PairRecord(ProgramId, PairId, "p-maria", "p-tom", new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero)), default);
        Get<PairDirectory>().Invalidate();
    }
}

/// <summary>The integration-event boundary, recorded (the interface is the boundary; no Service Bus runs here).</summary>
internal sealed class RecordingPublisher : IIntegrationEventPublisher
{
    public ConcurrentQueue<IntegrationEvent> Published { get; } = new();

    public Task PublishAsync(IntegrationEvent integrationEvent, CancellationToken ct)
    {
        Published.Enqueue(integrationEvent);
        return Task.CompletedTask;
    }
}
