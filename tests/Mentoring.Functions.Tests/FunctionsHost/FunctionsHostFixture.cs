using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
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
    private Process? _host;
    private string? _app;
    private HostRuntime? _runtime;
    private IReadOnlyDictionary<string, string> _environment = new Dictionary<string, string>();

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
        var runtime = _runtime = HostRuntime.Find();
        Description = runtime.Description;
        _app = PublishedApp.Publish();

        var port = FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        var environment = TestValues.Environment(StorageConnectionString, BaseUrl, SendGrid, out var differences);
        LocalDifferences = differences;
        _environment = environment;

        _host = StartHost(port, environment, Append);
        await WaitForHealthAsync();
    }

    /// <summary>The environment the collection's host runs with (the Bicep's settings, local values in place).</summary>
    public IReadOnlyDictionary<string, string> HostEnvironment => _environment;

    /// <summary>
    /// Runs a second host over the same published app, with <paramref name="environment"/>, until its log shows every
    /// one of <paramref name="expected"/>, it answers healthy, or <paramref name="timeout"/> passes; then stops it.
    /// </summary>
    public async Task<(string Log, bool Healthy)> RunAnotherAsync(IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> expected, TimeSpan timeout)
    {
        var port = FreePort();
        var log = new StringBuilder();
        string Log()
        {
            lock (log)
                return log.ToString();
        }

        using var host = StartHost(port, environment, line =>
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

    private Process StartHost(int port, IReadOnlyDictionary<string, string> environment, Action<string> append)
    {
        var start = _runtime!.Start(_app!, port);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        start.Environment.Remove("CONTAINER_NAME");

        var host = Process.Start(start) ?? throw new InvalidOperationException("the Functions host did not start");
        host.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                append(e.Data);
        };
        host.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                append(e.Data);
        };
        host.BeginOutputReadLine();
        host.BeginErrorReadLine();
        return host;
    }

    /// <summary>Waits until the host's log shows <paramref name="text"/> at least <paramref name="count"/> times.</summary>
    public async Task WaitForLogAsync(string text, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = TimeProvider.System.GetUtcNow() + (timeout ?? TimeSpan.FromSeconds(90));
        while (Occurrences(Log, text) < count)
        {
            if (TimeProvider.System.GetUtcNow() > deadline)
                throw new TimeoutException($"the host's log did not show \"{text}\" {count} time(s); last lines:{Environment.NewLine}{Tail()}");
            await Task.Delay(250);
        }
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
        if (_app is not null)
            Directory.Delete(_app, recursive: true);
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

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_log)
            _log.AppendLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(FunctionsHostFixture.Collection)]
public sealed class FunctionsHostCollectionDefinition : ICollectionFixture<FunctionsHostFixture>;
