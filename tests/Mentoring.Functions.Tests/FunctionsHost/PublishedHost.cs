using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Mentoring.Functions.Tests.FunctionsHost;

/// <summary>
/// The Functions host and the published app, made once per test run and shared by the collections that start hosts
/// (<see cref="FunctionsHostFixture"/>, <see cref="StartUpFixture"/>), so that those collections run side by side. The
/// published folder is deleted when the last of them lets go.
/// </summary>
internal sealed class PublishedHost(HostRuntime runtime, string app)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Task<PublishedHost>? _shared;
    private static int _users;

    private readonly string _app = app;

    /// <summary>Which host runs the app (printed by every test).</summary>
    public string Description => runtime.Description;

    public static async Task<PublishedHost> AcquireAsync()
    {
        Task<PublishedHost> shared;
        await Gate.WaitAsync();
        try
        {
            _users++;
            shared = _shared ??= MakeAsync();
        }
        finally
        {
            Gate.Release();
        }

        return await shared;
    }

    public static async Task ReleaseAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (--_users > 0 || _shared is not { } shared)
                return;
            _shared = null;
            if (shared.IsCompletedSuccessfully)
                Directory.Delete(shared.Result._app, recursive: true);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Starts a host over the published app on <paramref name="port"/>, every line of its output to <paramref name="append"/>.</summary>
    public Process Start(int port, IReadOnlyDictionary<string, string> environment, Action<string> append)
    {
        var start = runtime.Start(_app, port);
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

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The host built (or found) and the app published at the same time: neither waits for the other.</summary>
    private static async Task<PublishedHost> MakeAsync()
    {
        var runtime = Task.Run(HostRuntime.Find);
        var app = Task.Run(PublishedApp.Publish);
        try
        {
            await Task.WhenAll(runtime, app);
        }
        catch
        {
            if (app.IsCompletedSuccessfully)
                Directory.Delete(app.Result, recursive: true);
            throw;
        }

        return new PublishedHost(runtime.Result, app.Result);
    }
}
