using Mentoring.Functions.Tests.FunctionsHost;
using Mentoring.LocalHost.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Mentoring.Functions.Tests;

/// <summary>
/// The app's start-up validation runs on the Functions host exactly as on the local host: the same invalid settings stop
/// both, with the same messages, naming the settings and never their values.
/// </summary>
[Collection(StartUpFixture.Collection)]
public sealed class StartUpValidationTests(StartUpFixture host, ITestOutputHelper output)
{
    private const string ShortKey = "too-short-signing-key";

    private static readonly Dictionary<string, string> Invalid = new(StringComparer.Ordinal)
    {
        ["Links__SigningKey"] = ShortKey,
        ["Auth__BootstrapKey"] = "short-bootstrap",
        // What App Service passes when it cannot resolve a reference: the reference itself.
        ["Webhooks__Zoom__Secrets__0"] = "@Microsoft.KeyVault(SecretUri=https://kv-abc123.vault.azure.net/secrets/zoom-webhook-secret)",
    };

    [Fact]
    public async Task InvalidSettings_StopBothHosts_WithTheSameMessages()
    {
        output.WriteLine($"Host: {host.Description}");
        var environment = new Dictionary<string, string>(host.Environment, StringComparer.Ordinal);
        foreach (var (name, value) in Invalid)
            environment[name] = value;

        var local = await LocalHostFailuresAsync(environment);
        output.WriteLine("Local host refused to start: " + string.Join(" | ", local));
        Assert.Contains(local, f => f.Contains("SigningKey", StringComparison.Ordinal));
        Assert.Contains(local, f => f.Contains("Auth:BootstrapKey", StringComparison.Ordinal));
        Assert.Contains(local, f => f.Contains("Webhooks:Zoom:Secrets:0 (app setting Webhooks__Zoom__Secrets__0) is an unresolved Key Vault", StringComparison.Ordinal));

        var (log, healthy) = await host.RunAsync(environment, [.. local, "OptionsValidationException"], TimeSpan.FromMinutes(2));

        Assert.False(healthy, "the Functions host answered healthy with invalid settings");
        Assert.All(local, failure => Assert.True(log.Contains(failure, StringComparison.Ordinal), $"the Functions host's log lacks \"{failure}\":{Environment.NewLine}{Tail(log)}"));
        Assert.DoesNotContain(ShortKey, log, StringComparison.Ordinal);
    }

    /// <summary>The local host, composed as its Program.cs composes it, started with these settings: the failures.</summary>
    private static async Task<IReadOnlyList<string>> LocalHostFailuresAsync(IReadOnlyDictionary<string, string> environment)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(environment.Select(s => KeyValuePair.Create<string, string?>(s.Key.Replace("__", ":", StringComparison.Ordinal), s.Value)));
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await builder.AddLocalHostAsync(demo: false);
        await using var app = builder.Build();
        app.UseLocalHost();
        var error = await Record.ExceptionAsync(() => app.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token));
        // One failing options class throws its OptionsValidationException; several throw them in an AggregateException.
        var refusals = error is AggregateException all ? all.InnerExceptions : [error!];
        return [.. refusals.Select(e => Assert.IsType<OptionsValidationException>(e)).SelectMany(e => e.Failures)];
    }

    private static string Tail(string log) => string.Join(Environment.NewLine, log.Split('\n').TakeLast(60));
}
