using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mentoring.Testing;

/// <summary>
/// Debian's headless Chromium driven through the Chrome DevTools Protocol (a WebSocket on a loopback port Chromium picks
/// and writes into its profile's <c>DevToolsActivePort</c>): navigate, type into the page as a person would, read the
/// DOM, take a screenshot. Installed with apt when missing (CI runs as root on a clean machine).
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly StringBuilder _stderr;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;
    private int _nextId;

    private HeadlessChromium(Process process, string profile, ClientWebSocket socket, StringBuilder stderr)
    {
        _process = process;
        _stderr = stderr;
        _profile = profile;
        _socket = socket;
        _reader = Task.Run(ReadAsync);
    }

    /// <summary>What Chromium wrote to stderr (for a failure's message).</summary>
    public string Log
    {
        get
        {
            lock (_stderr)
                return _stderr.ToString();
        }
    }

    public static async Task<HeadlessChromium> StartAsync(int width = 1400, int height = 1000)
    {
        var executable = await FindOrInstallAsync();
        var profile = Directory.CreateTempSubdirectory("chromium-").FullName;
        var process = new Process
        {
            StartInfo = new ProcessStartInfo(executable,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--hide-scrollbars", "--mute-audio",
                $"--user-data-dir={profile}", $"--window-size={width},{height}", "--remote-debugging-port=0", "about:blank",
            ])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            },
        };
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
                stderr.AppendLine(e.Data);
        };
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            var page = await PageSocketAsync(process, profile, stderr);
            var socket = new ClientWebSocket();
            socket.Options.KeepAliveInterval = TimeSpan.Zero;
            await socket.ConnectAsync(page, CancellationToken.None).WaitAsync(CallTimeout);
            return new HeadlessChromium(process, profile, socket, stderr);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>Opens the address and waits until the document has loaded.</summary>
    public async Task NavigateAsync(Uri address)
    {
        await CallAsync("Page.enable");
        await CallAsync("Page.navigate", new JsonObject { ["url"] = address.AbsoluteUri });
        await WaitForAsync("document.readyState === 'complete' && location.href !== 'about:blank'", TimeSpan.FromSeconds(30));
    }

    /// <summary>Focuses the element and types the text into it (as keystrokes would insert it).</summary>
    public async Task TypeAsync(string selector, string text)
    {
        await EvaluateAsync($"document.querySelector({JsonSerializer.Serialize(selector)}).focus()");
        await CallAsync("Input.insertText", new JsonObject { ["text"] = text });
    }

    /// <summary>Presses Enter in the focused element (submits its form).</summary>
    public async Task PressEnterAsync()
    {
        await CallAsync("Input.dispatchKeyEvent", new JsonObject { ["type"] = "keyDown", ["key"] = "Enter", ["code"] = "Enter", ["windowsVirtualKeyCode"] = 13, ["text"] = "\r" });
        await CallAsync("Input.dispatchKeyEvent", new JsonObject { ["type"] = "keyUp", ["key"] = "Enter", ["code"] = "Enter", ["windowsVirtualKeyCode"] = 13 });
    }

    /// <summary>The value of a JavaScript expression evaluated in the page (awaited when it is a promise).</summary>
    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        var result = await CallAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true });
        if (result.TryGetProperty("exceptionDetails", out var error))
            throw new InvalidOperationException($"The page threw on {expression}: {error}");
        return result.GetProperty("result").TryGetProperty("value", out var value) ? value.Clone() : default;
    }

    /// <summary>Waits until the expression is true in the page.</summary>
    public async Task WaitForAsync(string expression, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (await EvaluateAsync(expression) is { ValueKind: JsonValueKind.True })
                return;
            if (watch.Elapsed > timeout)
                throw new TimeoutException($"Not true after {timeout.TotalSeconds:0} s: {expression}\nPage text:\n{(await EvaluateAsync("document.body.innerText")).GetString()}");
            await Task.Delay(100);
        }
    }

    /// <summary>A PNG of the whole page (not only the window), written to <paramref name="path"/>.</summary>
    public async Task ScreenshotAsync(string path)
    {
        var size = (await CallAsync("Page.getLayoutMetrics")).GetProperty("cssContentSize");
        var clip = new JsonObject { ["x"] = 0, ["y"] = 0, ["width"] = size.GetProperty("width").GetDouble(), ["height"] = size.GetProperty("height").GetDouble(), ["scale"] = 1 };
        var shot = await CallAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png", ["captureBeyondViewport"] = true, ["clip"] = clip });
        await File.WriteAllBytesAsync(path, Convert.FromBase64String(shot.GetProperty("data").GetString()!));
    }

    public async Task<JsonElement> CallAsync(string method, JsonObject? parameters = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? [] };
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        var reply = await answer.Task.WaitAsync(CallTimeout);
        if (reply.TryGetProperty("error", out var error))
            throw new InvalidOperationException($"{method}: {error}");
        return reply.GetProperty("result");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            // Already gone.
        }

        _socket.Dispose();
        await _reader.ContinueWith(_ => { }, TaskScheduler.Default);
        _process.Dispose();
        _stop.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // A file Chromium still held: the temp folder keeps it.
        }
    }

    /// <summary>Debian's chromium; installed with apt when missing (CI runs as root).</summary>
    public static async Task<string> FindOrInstallAsync()
    {
        foreach (var candidate in new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" })
        {
            if (File.Exists(candidate))
                return candidate;
        }

        await Installing.WaitAsync();
        try
        {
            if (!File.Exists("/usr/bin/chromium"))
            {
                // A clean machine's package lists are empty until an update; test projects running side by side wait
                // for each other's dpkg lock instead of failing on it.
                await AptAsync("update -o DPkg::Lock::Timeout=600");
                await AptAsync("install -y -o DPkg::Lock::Timeout=600 chromium");
            }
        }
        finally
        {
            Installing.Release();
        }

        return File.Exists("/usr/bin/chromium")
            ? "/usr/bin/chromium"
            : throw new InvalidOperationException("No chromium, and `apt-get update && apt-get install -y chromium` did not install one (run it as root).");
    }

    private static readonly SemaphoreSlim Installing = new(1, 1);

    private static async Task AptAsync(string arguments)
    {
        var start = new ProcessStartInfo("apt-get", arguments);
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var apt = Process.Start(start)!;
        await apt.WaitForExitAsync();
    }

    /// <summary>The page target's WebSocket, once Chromium has written its port into the profile.</summary>
    private static async Task<Uri> PageSocketAsync(Process process, string profile, StringBuilder stderr)
    {
        var file = Path.Combine(profile, "DevToolsActivePort");
        var watch = Stopwatch.StartNew();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        while (true)
        {
            if (process.HasExited || watch.Elapsed > TimeSpan.FromSeconds(60))
            {
                lock (stderr)
                    throw new InvalidOperationException($"Chromium did not open its DevTools port: {stderr}");
            }

            if (File.Exists(file) && (await File.ReadAllLinesAsync(file)) is [var port, ..] && int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                var targets = JsonDocument.Parse(await http.GetStringAsync(new Uri($"http://127.0.0.1:{number}/json/list"))).RootElement;
                foreach (var target in targets.EnumerateArray())
                {
                    if (target.GetProperty("type").GetString() == "page" && target.TryGetProperty("webSocketDebuggerUrl", out var socket))
                        return new Uri(socket.GetString()!);
                }
            }

            await Task.Delay(100);
        }
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open && !_stop.IsCancellationRequested)
            {
                var received = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                    break;
                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage)
                    continue;
                using var document = JsonDocument.Parse(message.ToArray());
                message.SetLength(0);
                if (document.RootElement.TryGetProperty("id", out var id) && _pending.TryRemove(id.GetInt32(), out var answer))
                    answer.TrySetResult(document.RootElement.Clone());
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // Closed: whoever still waits times out with the call's name.
        }

        foreach (var waiting in _pending.Values)
            waiting.TrySetException(new InvalidOperationException("Chromium closed the DevTools connection. " + Log));
    }
}
