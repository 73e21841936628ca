using System.Net;
using System.Text;
using Mentoring.Testing;
using Mentoring.Tests.Email;

namespace Mentoring.Functions.Tests.FunctionsHost;

/// <summary>
/// Starts the published app on the Functions host with settings a test chooses, beside the collection of
/// <see cref="FunctionsHostFixture"/> rather than after it: its own Azurite and SendGrid, the same published app.
/// </summary>
public sealed class StartUpFixture : IAsyncLifetime
{
    public const string Collection = "Functions host start-up";

    private readonly AzuriteFixture _azurite = new();
    private PublishedHost? _published;
    private FakeSendGrid? _sendGrid;

    /// <summary>Which host runs the app (printed by the tests).</summary>
    public string Description => _published?.Description ?? "";

    /// <summary>The settings of infra/main.bicep with local values, as the collection "Functions host" gets them.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; private set; } = new Dictionary<string, string>();

    private HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        _sendGrid = await FakeSendGrid.StartAsync(TimeSpan.FromMinutes(30));
        _published = await PublishedHost.AcquireAsync();
        Environment = TestValues.Environment(_azurite.ConnectionString, new Uri($"http://127.0.0.1:{PublishedHost.FreePort()}/"), _sendGrid, out _);
    }

    /// <summary>
    /// Runs a host with <paramref name="environment"/> until its log shows every one of <paramref name="expected"/>, it
    /// answers healthy, or <paramref name="timeout"/> passes; then stops it.
    /// </summary>
    public async Task<(string Log, bool Healthy)> RunAsync(IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> expected, TimeSpan timeout)
    {
        var port = PublishedHost.FreePort();
        var log = new StringBuilder();
        string Log()
        {
            lock (log)
                return log.ToString();
        }

        using var host = _published!.Start(port, environment, line =>
        {
            lock (log)
                log.AppendLine(line);
        });
        var healthy = false;
        try
        {
            var deadline = TimeProvider.System.GetUtcNow() + timeout;
            while (TimeProvider.System.GetUtcNow() < deadline && !expected.All(e => Log().Contains(e, StringComparison.Ordinal)))
            {
                try
                {
                    using var response = await Http.GetAsync(new Uri($"http://127.0.0.1:{port}/api/health"));
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        healthy = true;
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                    // not listening (yet)
                }
                catch (TaskCanceledException)
                {
                    // the host holds the request while it restarts its worker
                }

                await Task.Delay(500);
            }
        }
        finally
        {
            if (!host.HasExited)
            {
                host.Kill(entireProcessTree: true);
                await host.WaitForExitAsync();
            }
        }

        return (Log(), healthy);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_sendGrid is not null)
            await _sendGrid.DisposeAsync();
        await _azurite.DisposeAsync();
        if (_published is not null)
            await PublishedHost.ReleaseAsync();
    }
}

[CollectionDefinition(StartUpFixture.Collection)]
public sealed class StartUpCollectionDefinition : ICollectionFixture<StartUpFixture>;
