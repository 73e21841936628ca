using System.Diagnostics;

namespace Mentoring.Tests;

/// <summary>The local host as a user starts it, with a setting App Service could not resolve: one line naming it, exit 1.</summary>
public sealed class StartUpRefusalTests
{
    [Fact]
    public async Task Start_UnresolvedKeyVaultReference_OneLineNamingTheSetting_NoStackTrace_Exit1()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Mentoring.LocalHost.dll"), "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Directory.CreateTempSubdirectory("localhost-start-").FullName,
        };
        start.Environment["Links__SigningKey"] = "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/links/)";
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            Directory.Delete(start.WorkingDirectory, recursive: true);
        }

        var said = (await output + await error).Trim();
        Assert.Equal(1, process.ExitCode);
        Assert.StartsWith("The local host did not start: Links:SigningKey (app setting Links__SigningKey) is an unresolved Key Vault", said, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", said, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", said, StringComparison.Ordinal);
    }
}
