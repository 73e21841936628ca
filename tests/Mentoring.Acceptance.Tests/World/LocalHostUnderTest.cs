using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Mentoring.LocalHost.Hosting;
using Mentoring.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mentoring.Acceptance.Tests.World;

/// <summary>
/// The local host as <c>dotnet run --project functions/Mentoring.LocalHost</c> composes it (its queue pumps, its sweep
/// and calendar timers), on a free loopback port, over an Azurite the test starts, with one replacement: the clock. The
/// test reaches it only through HTTP and the outbox folder.
/// </summary>
internal sealed class LocalHostUnderTest : IAsyncDisposable
{
    public const string AdminKey = "acceptance-bootstrap-key-0123456789abcdef0123";
    public const string CalComSecret = "acceptance-calcom-signing-secret";
    public const string CalendlySecret = "acceptance-calendly-signing-key";
    public const string GraphClientState = "acceptance-graph-client-state";

    private static readonly SemaphoreSlim AzuriteStart = new(1, 1);
    private readonly WebApplication _app;
    private readonly AzuriteFixture _azurite;

    private LocalHostUnderTest(WebApplication app, AzuriteFixture azurite, TestClock clock, Uri address, string outbox, ErrorLog errors)
    {
        _app = app;
        _azurite = azurite;
        Clock = clock;
        Address = address;
        Outbox = new Outbox(outbox);
        Errors = errors;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(1) };
    }

    public TestClock Clock { get; }

    public Uri Address { get; }

    public Outbox Outbox { get; }

    /// <summary>Errors the host logged (a failed handler, a poisoned message): the quarter should have none.</summary>
    public ErrorLog Errors { get; }

    public HttpClient Http { get; }

    public static async Task<LocalHostUnderTest> StartAsync(DateTimeOffset start, Uri graphApi)
    {
        var folder = Directory.CreateTempSubdirectory("mentoring-acceptance-").FullName;
        var clock = new TestClock(start, Path.Combine(folder, "clock"));
        var azurite = new AzuriteFixture();
        await AzuriteStart.WaitAsync(); // the environment is the process's: one host's Azurite starts at a time
        Environment.SetEnvironmentVariable("MENTORING_TEST_CLOCK_FILE", clock.File);
        Environment.SetEnvironmentVariable("NODE_OPTIONS", "--require " + Path.Combine(AppContext.BaseDirectory, "World", "azurite-clock.js"));
        try
        {
            await azurite.InitializeAsync(); // node reads both at start: the Azurite of another test keeps the wall clock
        }
        finally
        {
            Environment.SetEnvironmentVariable("MENTORING_TEST_CLOCK_FILE", null);
            Environment.SetEnvironmentVariable("NODE_OPTIONS", null);
            AzuriteStart.Release();
        }

        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var outbox = Path.Combine(folder, "outbox");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(address.AbsoluteUri.TrimEnd('/'));
        foreach (var (key, value) in new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Email:OutboxDirectory"] = outbox,
            ["Links:SigningKey"] = "acceptance-link-signing-key-of-at-least-32-chars",
            ["Links:BaseUrl"] = address.AbsoluteUri.TrimEnd('/'),
            ["Auth:BootstrapKey"] = AdminKey,
            ["Webhooks:CalCom:Secrets:0"] = CalComSecret,
            ["Webhooks:Calendly:Secrets:0"] = CalendlySecret,
            ["Webhooks:Graph:Secrets:0"] = GraphClientState,
            ["Calendars:Graph:Anonymous"] = "true",
            ["Calendars:Graph:BaseUrl"] = graphApi.AbsoluteUri + "v1.0",
            ["Calendars:Graph:NotificationUrl"] = address.AbsoluteUri + "api/webhooks/graph",
            ["Webhooks:StorageDeadline"] = "00:00:30",
            ["Network:AllowPrivateTargets"] = "true", // the feed and Graph are on loopback
        })
        {
            builder.Configuration[key] = value;
        }

        var errors = new ErrorLog();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(errors);
        builder.Services.AddSingleton<TimeProvider>(clock);
        await builder.AddLocalHostAsync(demo: false);
        var app = builder.Build();
        app.UseLocalHost();
        await app.StartAsync();
        var host = new LocalHostUnderTest(app, azurite, clock, address, outbox, errors);
        await clock.SettleAsync(TimeSpan.FromMinutes(1));
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Keeps what the host logs at Error and above (category and message; addresses never reach a log).</summary>
    internal sealed class ErrorLog : ILoggerProvider
    {
        public ConcurrentQueue<string> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(ErrorLog log, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                    log.Entries.Enqueue($"{category}: {formatter(state, exception)} {exception?.GetType().Name} {exception?.Message}");
            }
        }
    }
}
