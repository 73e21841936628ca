using System.Net;
using System.Net.Sockets;
using System.Text;
using Mentoring.LocalHost.Hosting;
using Mentoring.Testing;
using Mentoring.Tests.Email;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Mentoring.Functions.Tests.FunctionsHost;

/// <summary>
/// The local host, composed as its Program.cs composes it, with the same settings the Functions host gets
/// (<see cref="TestValues.Environment"/>): its own Azurite, its own loopback SendGrid, its log captured.
/// </summary>
public sealed class LocalHostFixture : IAsyncLifetime, IAppUnderTest
{
    public const string Collection = "Local host, Functions host settings";

    private readonly AzuriteFixture _azurite = new();
    private readonly CapturedLog _log = new();
    private WebApplication? _app;

    public string Description => "the local host (functions/Mentoring.LocalHost), in process";

    public IReadOnlyList<string> LocalDifferences { get; private set; } = [];

    public Uri BaseUrl { get; private set; } = null!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    public string StorageConnectionString => _azurite.ConnectionString;

    public string Log => _log.Text;

    internal FakeSendGrid SendGrid { get; private set; } = null!;

    FakeSendGrid IAppUnderTest.SendGrid => SendGrid;

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        SendGrid = await FakeSendGrid.StartAsync(TimeSpan.FromMinutes(30));
        BaseUrl = new Uri($"http://127.0.0.1:{FreePort()}/");
        var environment = TestValues.Environment(StorageConnectionString, BaseUrl, SendGrid, out var differences);
        LocalDifferences = differences;

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        // App settings reach .NET configuration as environment variables: "__" is the section separator.
        builder.Configuration.AddInMemoryCollection(environment.Select(s => KeyValuePair.Create<string, string?>(s.Key.Replace("__", ":", StringComparison.Ordinal), s.Value)));
        builder.WebHost.UseUrls(BaseUrl.ToString());
        builder.Logging.AddProvider(_log);
        await builder.AddLocalHostAsync(demo: false);
        _app = builder.Build();
        _app.UseLocalHost();
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Http.Dispose();
        await SendGrid.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Every log line of the host, as text: category, message, exception type.</summary>
    private sealed class CapturedLog : ILoggerProvider
    {
        private readonly StringBuilder _text = new();

        public string Text
        {
            get
            {
                lock (_text)
                    return _text.ToString();
            }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private void Append(string line)
        {
            lock (_text)
                _text.AppendLine(line);
        }

        private sealed class Logger(CapturedLog log, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                    log.Append($"{logLevel}: {category}[{eventId.Id}] {formatter(state, exception)}{(exception is null ? "" : " " + exception.GetType().Name)}");
            }
        }
    }
}

[CollectionDefinition(LocalHostFixture.Collection)]
public sealed class LocalHostCollectionDefinition : ICollectionFixture<LocalHostFixture>;
