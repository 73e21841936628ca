using System.Net.Http.Headers;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Mentoring.Application.Evaluation;
using Mentoring.Application.Hosting;
using Mentoring.Application.Ingest;
using Mentoring.Application.Queues;
using Mentoring.Application.Roster;
using Mentoring.Application.Storage;
using Mentoring.Engine.Ledger;
using Mentoring.LocalHost.Http;
using Mentoring.LocalHost.Queues;
using Mentoring.Testing;
using Mentoring.Tests.Calendars.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mentoring.Tests.Calendars;

/// <summary>
/// The local host's HTTP pipeline on a real Kestrel (127.0.0.1, free port) as Program.cs wires it, against the fixture's
/// Azurite, with one pair (maria / tom, <c>pair-42</c>) and the calendar tables emptied. Graph and Google point at
/// a loopback server when one is given.
/// </summary>
internal sealed class WebhookHost : IAsyncDisposable
{
    public const string ProgramId = "prog-calendars";
    public const string PairId = "pair-42";
    public const string CalComSecret = "calcom-current";
    public const string CalComPrevious = "calcom-previous";
    public const string CalendlySecret = "calendly-current";
    public const string CalendlyPrevious = "calendly-previous";
    public const string ZoomSecret = "zoom-current";
    public const string ZoomPrevious = "zoom-previous";
    public const string GraphState = "graph-client-state-current";
    public const string GoogleToken = "google-channel-token";
    public const string AdminKey = "webhook-host-admin-key-0123456789abcdef0123";
    public static readonly Uri GraphNotifications = new("https://mentoring.example/api/webhooks/graph");
    public static readonly Uri GoogleWebhook = new("https://mentoring.example/api/webhooks/google");

    private readonly WebApplication _app;

    private WebhookHost(WebApplication app)
    {
        _app = app;
        Client = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public T Get<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>For tests whose ICS feeds or subscribers are loopback servers: by default such targets are refused.</summary>
    public static readonly IReadOnlyDictionary<string, string?> LoopbackTargets = new Dictionary<string, string?> { ["Network:AllowPrivateTargets"] = "true" };

    public static Task<WebhookHost> StartAsync(
        AzuriteFixture azurite, Uri? providerApi = null, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) =>
        StartAsync(azurite.ConnectionString, providerApi, settings: settings, services: services);

    /// <param name="storageConnectionString">The storage to run against.</param>
    /// <param name="providerApi">Where Graph and Google are called, if anywhere.</param>
    /// <param name="productDeadline">
    /// Keep the product's 2.5 s storage deadline (503 after it). Otherwise it is 30 s: the fuzz and conformance tests are
    /// about input, and a machine loaded by the whole suite can keep Azurite busier than 2.5 s.
    /// </param>
    /// <param name="settings">More settings, over the ones above.</param>
    /// <param name="services">Replacements, registered after the application's.</param>
    public static async Task<WebhookHost> StartAsync(
        string storageConnectionString, Uri? providerApi = null, bool productDeadline = false,
        IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var all = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storageConnectionString,
            ["Email:OutboxDirectory"] = Path.Combine(Path.GetTempPath(), "mentoring-webhook-tests"),
            ["Webhooks:CalCom:Secrets:0"] = CalComSecret,
            ["Webhooks:CalCom:Secrets:1"] = CalComPrevious,
            ["Webhooks:Calendly:Secrets:0"] = CalendlySecret,
            ["Webhooks:Calendly:Secrets:1"] = CalendlyPrevious,
            ["Webhooks:Zoom:Secrets:0"] = ZoomSecret,
            ["Webhooks:Zoom:Secrets:1"] = ZoomPrevious,
            ["Webhooks:Graph:Secrets:0"] = GraphState,
            ["Webhooks:Google:Secrets:0"] = GoogleToken,
            ["Calendars:Graph:Anonymous"] = "true",
            ["Calendars:Google:AccessToken"] = "test-access-token",
            ["Calendars:Graph:NotificationUrl"] = GraphNotifications.AbsoluteUri,
            ["Calendars:Google:WebhookUrl"] = GoogleWebhook.AbsoluteUri,
            ["Auth:BootstrapKey"] = AdminKey,
        };
        all["Webhooks:RematchDelay"] = "00:00:00"; // what matched no pair is matched again as soon as pairs change
        if (!productDeadline)
            all["Webhooks:StorageDeadline"] = "00:00:30";
        if (providerApi is not null)
        {
            all["Calendars:Graph:BaseUrl"] = providerApi.AbsoluteUri + "v1.0";
            all["Calendars:Google:BaseUrl"] = providerApi.AbsoluteUri + "calendar/v3/";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            all[key] = value;
        foreach (var (key, value) in all)
            builder.Configuration[key] = value;
        builder.AddMentoringApplication();
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseHttpProblems();
        app.MapMentoringRoutes();
        await app.StartAsync();
        var host = new WebhookHost(app);
        await host.ResetAsync();
        return host;
    }

    /// <summary>Empties the webhook and calendar rows and the queues, and (re)writes the pair.</summary>
    public async Task ResetAsync()
    {
        var tables = Get<TableServiceClient>();
        foreach (var table in new[] { TableNames.Dedupe, MeetingStore.TableName, Mentoring.Application.Ingest.Connections.ConnectionStore.TableName, TableNames.PairLogs })
        {
            var client = tables.GetTableClient(table);
            await foreach (var row in client.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
                await client.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }

        await Get<ParticipantStore>().SaveAsync(new ParticipantRecord(ProgramId, "p-maria", "Maria Mentor", "maria.mentor@contoso.com", "Europe/Amsterdam"), default);
        await Get<ParticipantStore>().SaveAsync(new ParticipantRecord(ProgramId, "p-tom", "Tom Mentee", "tom.mentee@contoso.com", "Europe/London"), default);
        await Get<PairStore>().SaveAsync(new PairRecord(ProgramId, PairId, "p-maria", "p-tom", new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero)), default);
        await SaveProgramAsync(ProgramId);
        Get<PairDirectory>().Invalidate();

        // Last: the writes above ask for a rematch, which a test does not expect on the queue.
        var queues = Get<QueueServiceClient>();
        foreach (var queue in QueueNames.All)
        {
            await queues.GetQueueClient(queue).ClearMessagesAsync();
            await queues.GetQueueClient(QueueNames.PoisonOf(queue)).ClearMessagesAsync();
        }
    }

    /// <summary>A program row, unless there is one (the webhook routes of Cal.com, Calendly and Zoom name a program).</summary>
    public async Task SaveProgramAsync(string programId)
    {
        if (await Get<ProgramStore>().GetAsync(programId, default) is null)
            await Get<ProgramStore>().SaveAsync(new ProgramRecord(programId, "Calendars", "Europe/Amsterdam", Mentoring.Engine.Policy.EngagementPolicy.Default, "admin@example.com"), default);
    }

    public async Task<HttpResponseMessage> PostAsync(string route, byte[] body, string contentType = "application/json", params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/" + route, UriKind.Relative)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        foreach (var (name, value) in headers)
            request.Headers.TryAddWithoutValidation(name, value);
        return await Client.SendAsync(request);
    }

    /// <summary>Signed as each provider signs, with the current time.</summary>
    public static (string Name, string Value)[] Signed(string provider, byte[] body, string? secret = null, long? unixSeconds = null)
    {
        var t = unixSeconds ?? TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        return provider switch
        {
            "calcom" => [("X-Cal-Signature-256", Sample.HexHmac(secret ?? CalComSecret, body))],
            "calendly" => [("Calendly-Webhook-Signature", $"t={t},v1={Sample.HexHmac(secret ?? CalendlySecret, Sample.Concat($"{t}.", body))}")],
            "zoom" => [("x-zm-signature", "v0=" + Sample.HexHmac(secret ?? ZoomSecret, Sample.Concat($"v0:{t}:", body))), ("x-zm-request-timestamp", $"{t}")],
            _ => [],
        };
    }

    public async Task<HttpResponseMessage> PostSignedAsync(string provider, string sample) =>
        await PostAsync(Route(provider), Sample.Bytes(sample), "application/json", Signed(provider, Sample.Bytes(sample)));

    /// <summary>The webhook route of a provider: Cal.com, Calendly and Zoom post to one route per program.</summary>
    public static string Route(string provider, string programId = ProgramId) =>
        provider is "calcom" or "calendly" or "zoom" ? $"webhooks/{provider}/{programId}" : "webhooks/" + provider;

    /// <summary>The Graph subscription of <c>graph/notification.json</c>, as a connection of maria's mailbox holds it.</summary>
    public const string SampleSubscriptionId = "7f105c7d-2dc5-4530-97cd-4e7ae6534c07";

    /// <summary>Saves a Graph connection of maria's that holds <paramref name="subscriptionId"/> (what connecting leaves).</summary>
    public async Task<Mentoring.Application.Ingest.Connections.CalendarConnection> HoldGraphSubscriptionAsync(
        string subscriptionId = SampleSubscriptionId, string programId = ProgramId, string mailbox = "9c8e6d1b-0f3b-4a1d-8a43-2c44b7e0a001")
    {
        var connection = new Mentoring.Application.Ingest.Connections.CalendarConnection(
            "graph", Mentoring.Application.Ingest.Connections.CalendarConnection.IdFor("graph", programId, mailbox), programId, "p-maria", null, mailbox,
            SubscriptionId: subscriptionId, ExpiresAt: TimeProvider.System.GetUtcNow().AddDays(2));
        await Get<Mentoring.Application.Ingest.Connections.ConnectionStore>().SaveAsync(connection, default);
        return connection;
    }

    /// <summary>Runs the calendar-changes queue with the local host's pump until it is empty.</summary>
    public async Task<int> DrainCalendarChangesAsync()
    {
        var queues = Get<QueueServiceClient>();
        var handle = QueuePumpSetup.Bindings(Services)[QueueNames.CalendarChanges];
        var pump = new QueuePump(
            queues.GetQueueClient(QueueNames.CalendarChanges), queues.GetQueueClient(QueueNames.PoisonOf(QueueNames.CalendarChanges)), handle,
            new QueuePumpOptions { RetryDelay = TimeSpan.FromMilliseconds(100), MaxDequeueCount = 1 }, TimeProvider.System, NullLogger.Instance);
        var total = 0;
        for (var round = 0; round < 100; round++)
        {
            var taken = await pump.PumpOnceAsync(CancellationToken.None);
            total += taken;
            if (taken == 0)
                return total;
        }

        throw new InvalidOperationException("calendar-changes did not drain.");
    }

    public async Task<int> CountAsync(string queue) =>
        (await Get<QueueServiceClient>().GetQueueClient(queue).GetPropertiesAsync()).Value.ApproximateMessagesCount;

    public async Task<int> RowsAsync(string table)
    {
        var count = 0;
        await foreach (var _ in Get<TableServiceClient>().GetTableClient(table).QueryAsync<TableEntity>(select: ["PartitionKey"]))
            count++;
        return count;
    }

    public async Task<IReadOnlyList<LedgerChange>> LedgerAsync() =>
        (await Get<PairLogStore>().LoadAsync(Keys.PairLog(ProgramId, PairId), default)).Ledger;

    /// <summary>Sends to the admin API with the bootstrap key.</summary>
    public async Task<HttpResponseMessage> AdminAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri("/api/" + path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        if (body is not null)
            request.Content = System.Net.Http.Json.JsonContent.Create(body, options: new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
        return await Client.SendAsync(request);
    }

    /// <summary>The program of <see cref="PairId"/> through the admin API (created once; the fixture's Azurite is shared).</summary>
    public async Task EnsureProgramAsync()
    {
        using var program = await AdminAsync(HttpMethod.Post, "programs", new
        {
            id = ProgramId,
            name = "Calendars",
            businessGoal = "Grow.",
            timeZone = "Europe/Amsterdam",
            admins = new[] { "admin@example.com" },
        });
        if (program.StatusCode is not (System.Net.HttpStatusCode.Created or System.Net.HttpStatusCode.Conflict))
            throw new HttpRequestException($"POST programs: {(int)program.StatusCode}");
    }

    /// <summary>A pair's timeline as the admin reads it: <c>GET …/pairs/{pairId}/timeline</c>.</summary>
    public async Task<System.Text.Json.JsonElement> TimelineAsync(string pairId = PairId)
    {
        using var response = await AdminAsync(HttpMethod.Get, $"programs/{ProgramId}/pairs/{pairId}/timeline");
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"GET timeline: {(int)response.StatusCode} {text}");
        return System.Text.Json.JsonDocument.Parse(text).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
