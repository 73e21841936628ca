using Mentoring.Application.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Mentoring.Tests.Hosting;

/// <summary>
/// App Service passes the reference text itself when it cannot resolve a Key Vault reference; both hosts run the
/// application's start-up validation, so a host with such a setting must not start.
/// </summary>
public sealed class UnresolvedReferencesTests
{
    private const string Reference = "@Microsoft.KeyVault(SecretUri=https://mentoring-kv.vault.azure.net/secrets/links-signing-key/)";

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Email:OutboxDirectory"] = Path.Combine(Path.GetTempPath(), "mentoring-unresolved-references"),
            ["Links:SigningKey"] = "a-real-signing-key-of-at-least-32-characters",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddMentoringApplication();
        return builder.Build();
    }

    /// <summary>Starts the host as both hosts do; the validation runs before any hosted service touches storage.</summary>
    private static async Task<Exception?> StartAsync(Dictionary<string, string?> settings)
    {
        using var host = Build(settings);
        return await Record.ExceptionAsync(() => host.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token));
    }

    [Fact]
    public async Task LinkSigningKey_UnresolvedKeyVaultReference_StopsStartUpNamingTheSetting()
    {
        var error = await StartAsync(new() { ["Links:SigningKey"] = Reference });

        var refused = Assert.IsType<OptionsValidationException>(error);
        Assert.Contains("Links:SigningKey (app setting Links__SigningKey) is an unresolved Key Vault", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("mentoring-kv", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebhookSecret_UnresolvedReference_StopsStartUpNamingTheSetting()
    {
        var error = await StartAsync(new() { ["Webhooks:CalCom:Secrets:0"] = "  @microsoft.keyvault(VaultName=kv;SecretName=calcom)" });

        var refused = Assert.IsType<OptionsValidationException>(error);
        Assert.Contains("Webhooks:CalCom:Secrets:0 (app setting Webhooks__CalCom__Secrets__0)", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolvedSecrets_PassTheValidation()
    {
        using var host = Build(new() { ["Webhooks:CalCom:Secrets:0"] = "calcom-secret-mentions-@Microsoft.KeyVault(-in-the-middle" });

        ((IStartupValidator)host.Services.GetService(typeof(IStartupValidator))!).Validate();
    }
}
