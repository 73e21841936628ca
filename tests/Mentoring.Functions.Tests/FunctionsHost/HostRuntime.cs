using System.Diagnostics;
using Mentoring.Infra.Tests;

namespace Mentoring.Functions.Tests.FunctionsHost;

/// <summary>
/// Which Functions host runs the app: the host built from source in ../shared/tools/functions-host when that folder is
/// present, else Core Tools' <c>func</c> when it is on PATH. Neither is a failure, never a skip: CI must run these.
/// </summary>
internal sealed record HostRuntime(string Description, Func<string, int, ProcessStartInfo> Start)
{
    private const string HostDll = "Microsoft.Azure.WebJobs.Script.WebHost.dll";
    private static readonly string ProtobufFolder = Path.Combine("src", "src", "WebJobs.Script.Grpc", "azure-functions-language-worker-protobuf");

    public static HostRuntime Find()
    {
        var folder = SourceFolder();
        if (folder is not null)
            return FromSource(folder);
        if (OnPath("func") is { } func)
            return new HostRuntime($"Azure Functions Core Tools ({func})", (app, port) => new ProcessStartInfo(func)
            {
                ArgumentList = { "start", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--script-root", app },
                WorkingDirectory = app,
            });
        throw new InvalidOperationException(
            "No Azure Functions host: neither shared/tools/functions-host (the host built from source) beside the repository or one of its parents, nor FUNCTIONS_HOST_DIR, nor `func` (Core Tools) on PATH.");
    }

    /// <summary>FUNCTIONS_HOST_DIR, else ../shared/tools/functions-host from the repository or any folder above it.</summary>
    private static string? SourceFolder()
    {
        if (Environment.GetEnvironmentVariable("FUNCTIONS_HOST_DIR") is { Length: > 0 } configured)
            return File.Exists(Path.Combine(configured, "run.sh")) ? configured : throw new InvalidOperationException($"FUNCTIONS_HOST_DIR={configured} has no run.sh");
        for (var directory = new DirectoryInfo(BicepCli.RepositoryRoot).Parent; directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "tools", "functions-host");
            if (File.Exists(Path.Combine(candidate, "run.sh")))
                return candidate;
        }

        return null;
    }

    /// <summary>
    /// Builds the host with the folder's build.sh (cached by it). The folder as shipped here lacks the worker protobuf
    /// files the host's gRPC project compiles (src/UPSTREAM.md names them as vendored); when they are missing, the build
    /// runs over a copy completed with the same files at the host's commit, kept in this project (MIT).
    /// </summary>
    private static HostRuntime FromSource(string folder)
    {
        var buildFrom = folder;
        string? scratch = null;
        if (!Directory.Exists(Path.Combine(folder, ProtobufFolder)))
        {
            scratch = Directory.CreateTempSubdirectory("functions-host-").FullName;
            Copy(folder, scratch);
            Copy(Path.Combine(AppContext.BaseDirectory, "FunctionsHost", "worker-protobuf"), Path.Combine(scratch, ProtobufFolder));
            buildFrom = scratch;
        }

        try
        {
            var dll = Build(Path.Combine(buildFrom, "build.sh"));
            var description = scratch is null
                ? $"the Functions host built from source in {folder}"
                : $"the Functions host built from source in {folder} (its missing worker protobuf files supplied by this test project)";
            return new HostRuntime(description, (app, port) => new ProcessStartInfo("bash")
            {
                ArgumentList = { Path.Combine(folder, "run.sh"), app, port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                Environment = { ["FUNCTIONS_HOST_DLL"] = dll },
            });
        }
        finally
        {
            if (scratch is not null)
                Directory.Delete(scratch, recursive: true);
        }
    }

    private static string Build(string buildScript)
    {
        var start = new ProcessStartInfo("bash") { ArgumentList = { buildScript }, RedirectStandardOutput = true, RedirectStandardError = true };
        using var build = Process.Start(start) ?? throw new InvalidOperationException("build.sh did not start");
        var output = build.StandardOutput.ReadToEndAsync();
        var errors = build.StandardError.ReadToEndAsync();
        if (!build.WaitForExit(TimeSpan.FromMinutes(15)))
        {
            build.Kill(entireProcessTree: true);
            throw new TimeoutException("building the Functions host took longer than 15 minutes");
        }

        var dll = output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Trim();
        if (build.ExitCode != 0 || dll is null || !dll.EndsWith(HostDll, StringComparison.Ordinal) || !File.Exists(dll))
            throw new InvalidOperationException($"build.sh failed (exit {build.ExitCode}):{Environment.NewLine}{Tail(errors.Result)}");
        return dll;
    }

    private static string Tail(string text) => string.Join(Environment.NewLine, text.Split('\n').TakeLast(30));

    private static void Copy(string from, string to)
    {
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)), overwrite: true);
    }

    private static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(directory => Path.Combine(directory, name))
        .FirstOrDefault(File.Exists);
}
