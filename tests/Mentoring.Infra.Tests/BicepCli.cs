using System.Diagnostics;
using System.Reflection;

namespace Mentoring.Infra.Tests;

/// <summary>The Bicep CLI restored from NuGet (Azure.Bicep.CommandLine.linux-x64): no global install needed.</summary>
internal static class BicepCli
{
    private static readonly Lazy<string> Executable = new(PrepareExecutable);

    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    public static string InfraDirectory => Path.Combine(RepositoryRoot, "infra");

    public static BicepResult Run(params string[] arguments) => RunWith(new Dictionary<string, string?>(), arguments);

    /// <summary>Runs bicep with these environment variables set (a null value removes one).</summary>
    public static BicepResult RunWith(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable.Value)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bicep did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} took longer than 3 minutes");
        }

        return new BicepResult(process.ExitCode, output.Result, errors.Result);
    }

    private static string PrepareExecutable()
    {
        var path = Metadata("BicepPath");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                "The Bicep CLI is restored from the NuGet package Azure.Bicep.CommandLine.linux-x64 (linux-x64 only).", path);
        }

        // NuGet does not always keep the executable bit when it extracts a package.
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            if (!mode.HasFlag(UnixFileMode.UserExecute))
            {
                File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute);
            }
        }

        return path;
    }

    private static string Metadata(string key) =>
        typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"assembly metadata {key} is empty");
}

internal sealed record BicepResult(int ExitCode, string Output, string Errors)
{
    /// <summary>Succeeded and printed nothing: no error, no warning, no info diagnostic.</summary>
    public bool IsClean => ExitCode == 0 && string.IsNullOrWhiteSpace(Output) && string.IsNullOrWhiteSpace(Errors);

    public override string ToString() => $"exit {ExitCode}{Environment.NewLine}{Output}{Errors}";
}
