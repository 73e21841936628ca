using System.Diagnostics;
using System.Reflection;
using Mentoring.Infra.Tests;

namespace Mentoring.Functions.Tests.FunctionsHost;

/// <summary>
/// <c>dotnet publish</c> of functions/Mentoring.Functions into a temporary folder: what a deployment uploads. It reuses
/// the build the test run just made (same configuration, no restore), so it neither rebuilds nor rewrites shared files.
/// </summary>
internal static class PublishedApp
{
    public static string Publish()
    {
        var project = Path.Combine(BicepCli.RepositoryRoot, "functions", "Mentoring.Functions", "Mentoring.Functions.csproj");
        var output = Directory.CreateTempSubdirectory("mentoring-functions-app-").FullName;
        var configuration = typeof(PublishedApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "Configuration").Value ?? "Debug";
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "publish", project, "-c", configuration, "--no-build", "--no-restore", "-o", output, "-nologo", "-v", "q" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var publish = Process.Start(start) ?? throw new InvalidOperationException("dotnet publish did not start");
        var log = publish.StandardOutput.ReadToEndAsync();
        var errors = publish.StandardError.ReadToEndAsync();
        if (!publish.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            publish.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet publish took longer than 10 minutes");
        }

        if (publish.ExitCode != 0 || !File.Exists(Path.Combine(output, "functions.metadata")))
            throw new InvalidOperationException($"dotnet publish failed (exit {publish.ExitCode}):{Environment.NewLine}{log.Result}{errors.Result}");
        return output;
    }
}
