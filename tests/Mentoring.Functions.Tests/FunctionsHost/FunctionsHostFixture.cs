using System.Diagnostics;
using System.Net;
using System.Text;
using Mentoring.Testing;
using Mentoring.Tests.Email;

namespace Mentoring.Functions.Tests.FunctionsHost;

/// <summary>
/// One published Functions app running on the real Functions host for the whole collection: Azurite for storage, a
/// loopback SendGrid that checks every request against its documented schema, the app settings of infra/main.bicep.
/// </summary>
public sealed class FunctionsHostFixture : IAsyncLifetime, IAppUnderTest
{
    public const string Collection = "Functions host";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private readonly AzuriteFixture _azurite = new();
    private readonly StringBuilder _log = new();
    private PublishedHost? _published;
    private Process? _host;

    /// <summary>Which host runs the app (printed by every test).</summary>
    public string Description { get; private set; } = "";

    /// <summary>The settings the local run put in place of Azure-only values, and the ones it added.</summary>
    public IReadOnlyList<string> LocalDifferences { get; private set; } = [];

    public Uri BaseUrl { get; private set; } = null!;

    public string StorageConnectionString => _azurite.ConnectionString;

    internal FakeSendGrid SendGrid { get; private set; } = null!;

    FakeSendGrid IAppUnderTest.SendGrid => SendGrid;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    public string Log
    {
        get
        {
            lock (_log)
                return _log.ToString();
        }
    }

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        SendGrid = await FakeSendGrid.StartAsync(TimeSpan.FromMinutes(30));
        _published = await PublishedHost.AcquireAsync();
        Description = _published.Description;

        var port = PublishedHost.FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        var environment = TestValues.Environment(StorageConnectionString, BaseUrl, SendGrid, out var differences);
        LocalDifferences = differences;

        _host = _published.Start(port, environment, Append);
        await WaitForHealthAsync();
    }

    public static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
            count++;
        return count;
    }

    public string Tail(int lines = 60) => string.Join(Environment.NewLine, Log.Split('\n').TakeLast(lines));

    public async Task DisposeAsync()
    {
        if (_host is { HasExited: false })
        {
            _host.Kill(entireProcessTree: true);
            await _host.WaitForExitAsync();
        }

        _host?.Dispose();
        // The whole log, for a failure whose cause is older than the tail a test prints.
        await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), "mentoring-functions-host.log"), Log);
        Http.Dispose();
        await SendGrid.DisposeAsync();
        await _azurite.DisposeAsync();
        if (_published is not null)
            await PublishedHost.ReleaseAsync();
    }

    private async Task WaitForHealthAsync()
    {
        var deadline = TimeProvider.System.GetUtcNow() + StartTimeout;
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            if (_host!.HasExited)
                throw new InvalidOperationException($"the Functions host exited ({_host.ExitCode}) before it was healthy:{Environment.NewLine}{Tail()}");
            try
            {
                using var response = await Http.GetAsync(new Uri(BaseUrl, "api/health"));
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"the Functions host was not healthy within {StartTimeout}:{Environment.NewLine}{Tail()}");
    }

    private void Append(string line)
    {
        lock (_log)
            _log.AppendLine(line);
    }
}

[CollectionDefinition(FunctionsHostFixture.Collection)]
public sealed class FunctionsHostCollectionDefinition : ICollectionFixture<FunctionsHostFixture>;
