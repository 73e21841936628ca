using System.Diagnostics;
using System.Net.Sockets;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Mentoring.LocalHost.Azurite;

/// <summary>
/// Azurite (npm <c>azurite</c>, installed into tools/azurite by the build from its lockfile), run as a child process:
/// in memory, loopback only, on ports the OS picks (read back from its output, so two hosts or test runs never race for
/// one), API version checks off. Disposing kills the process tree.
/// </summary>
internal sealed partial class AzuriteProcess : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;

    private AzuriteProcess(Process process, int queuePort, int tablePort, int blobPort)
    {
        _process = process;
        QueuePort = queuePort;
        TablePort = tablePort;
        BlobPort = blobPort;
        ConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AccountKey
            + $";BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1"
            + $";QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1"
            + $";TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";
    }

    public string ConnectionString { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public int BlobPort { get; }

    public static Task<AzuriteProcess> StartAsync(CancellationToken ct = default) => StartAsync(new AzuriteOptions(), ct);

    /// <summary>Starts Azurite; with <see cref="AzuriteOptions.Location"/> on disk (it survives a restart on the same ports).</summary>
    public static async Task<AzuriteProcess> StartAsync(AzuriteOptions options, CancellationToken ct = default)
    {
        var directory = FindDirectory();
        var script = Path.Combine(directory, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
            throw new InvalidOperationException($"Azurite is not installed in {directory}: run `npm ci` there (the build does it when it is missing).");

        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = options.Location ?? Path.GetTempPath(), // in memory it writes nothing, wherever it runs
        };
        string[] persistence = options.Location is { } location ? ["--location", location] : ["--inMemoryPersistence"];
        foreach (var argument in new[]
                 {
                     script, "--skipApiVersionCheck", "--loose",
                     "--blobHost", "127.0.0.1", "--blobPort", Port(options.BlobPort),
                     "--queueHost", "127.0.0.1", "--queuePort", Port(options.QueuePort),
                     "--tableHost", "127.0.0.1", "--tablePort", Port(options.TablePort),
                 }.Concat(persistence))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        var ports = new Dictionary<string, int>(StringComparer.Ordinal);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                ready.TrySetException(new InvalidOperationException("Azurite exited before it listened."));
                return;
            }

            var match = ListeningLine().Match(e.Data);
            if (!match.Success)
                return;
            lock (ports)
            {
                ports[match.Groups["service"].Value] = int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
                if (ports.Count == 3)
                    ready.TrySetResult();
            }
        };
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                errors.Enqueue(e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var azurite = new AzuriteProcess(process, 0, 0, 0);
        try
        {
            await ready.Task.WaitAsync(StartTimeout, ct);
            azurite = new AzuriteProcess(process, ports["Queue"], ports["Table"], ports["Blob"]);
            foreach (var port in ports.Values)
                await WaitForPortAsync(port, ct);
            return azurite;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await azurite.DisposeAsync();
            throw new InvalidOperationException("Azurite did not start: " + string.Join(" | ", errors), e);
        }
    }

    /// <summary>
    /// Stops Azurite the way Ctrl+C does (SIGINT), so an on-disk Azurite saves what it acknowledged — as real storage
    /// keeps every acknowledged write through an outage; killing it instead would lose its last seconds of writes.
    /// </summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
            return;
        using (var interrupt = Process.Start(new ProcessStartInfo("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])))
            await (interrupt?.WaitForExitAsync() ?? Task.CompletedTask);
        try
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch (TimeoutException)
        {
            // DisposeAsync kills it.
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }
        catch (TimeoutException)
        {
            // It was told to die; nothing more to do.
        }

        _process.Dispose();
    }

    private static string Port(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>tools/azurite: where the build put it (assembly metadata), else found upwards from here.</summary>
    private static string FindDirectory()
    {
        var built = typeof(AzuriteProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "AzuriteDirectory")?.Value;
        if (built is not null && Directory.Exists(built))
            return built;
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tools", "azurite");
                if (File.Exists(Path.Combine(candidate, "package.json")))
                    return candidate;
            }
        }

        throw new InvalidOperationException("tools/azurite was not found above the working directory.");
    }

    private static async Task WaitForPortAsync(int port, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, port, ct);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < StartTimeout)
            {
                await Task.Delay(50, ct);
            }
        }
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at http://127\.0\.0\.1:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
