using System.Text.RegularExpressions;

namespace Mentoring.Infra.Tests;

/// <summary>
/// docs/deploy.md names only what the compiled template provides: app settings, Key Vault secrets, template parameters
/// and outputs, and the environment variables main.bicepparam reads. A rename in the Bicep fails here until the page
/// follows it.
/// </summary>
public sealed partial class DeployDocTests
{
    // Added by the operator during a rotation (docs/deploy.md, "Rolling secrets"), never by the template.
    private static readonly string[] RotationOnly = ["Webhooks__Calcom__Secrets__1", "calcom-webhook-secret-next"];

    private static readonly string Page = File.ReadAllText(Path.Combine(BicepCli.RepositoryRoot, "docs", "deploy.md"));

    [Fact]
    public void EveryAppSettingNamed_IsInTheCompiledTemplate()
    {
        var settings = AdminAuthTests.Settings(CompiledTemplate.LoadMain());
        var named = AppSetting().Matches(Page).Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.NotEmpty(named);
        var unknown = named.Where(n => !settings.ContainsKey(n) && !RotationOnly.Contains(n)).ToList();
        Assert.Empty(unknown);
    }

    [Fact]
    public void EveryKeyVaultSecretNamed_IsOneTheTemplateReferences()
    {
        var secretNames = CompiledTemplate.LoadMain()["variables"]!["secretNames"]!.AsObject().Select(p => p.Value!.ToString()).ToHashSet(StringComparer.Ordinal);
        var named = SecretSet().Matches(Page).Select(m => m.Groups[1].Value)
            .Concat(SecretRow().Matches(Page).Select(m => m.Groups[1].Value)).Distinct().ToList();

        Assert.True(named.Count >= secretNames.Count, $"the page names {named.Count} secrets, the template {secretNames.Count}");
        var unknown = named.Where(n => !secretNames.Contains(n) && !RotationOnly.Contains(n)).ToList();
        var unmentioned = secretNames.Where(n => !named.Contains(n)).ToList();
        Assert.Empty(unknown);
        Assert.Empty(unmentioned);
    }

    [Fact]
    public void EveryEnvironmentVariableSet_IsReadByTheParametersFile()
    {
        var parameters = File.ReadAllText(Path.Combine(BicepCli.InfraDirectory, "main.bicepparam"));
        var named = EnvSet().Matches(Page).Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.Contains("EMAIL_FROM_ADDRESS", named);
        var unread = named.Where(n => !parameters.Contains($"readEnvironmentVariable('{n}'", StringComparison.Ordinal)).ToList();
        Assert.Empty(unread);
    }

    [Fact]
    public void EveryOutputAndParameterNamed_IsInTheTemplate()
    {
        var template = CompiledTemplate.LoadMain();
        var outputs = template["outputs"]!.AsObject().Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var parameters = template["parameters"]!.AsObject().Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var parametersFile = File.ReadAllText(Path.Combine(BicepCli.InfraDirectory, "main.bicepparam"));

        // An output, or a value of the azd environment the parameters file reads (AZURE_ENV_NAME).
        var unknownValues = EnvGet().Matches(Page).Select(m => m.Groups[1].Value)
            .Where(n => !outputs.Contains(n) && !parametersFile.Contains($"readEnvironmentVariable('{n}'", StringComparison.Ordinal)).ToList();
        var unknownParameters = ParameterNamed().Matches(Page).Select(m => m.Groups[1].Value).Where(n => !parameters.Contains(n)).ToList();
        Assert.Empty(unknownValues);
        Assert.Empty(unknownParameters);
    }

    [GeneratedRegex(@"`([A-Za-z][A-Za-z0-9]*(?:__[A-Za-z0-9]+)+)`")]
    private static partial Regex AppSetting();

    [GeneratedRegex(@"az keyvault secret set --vault-name \$KV --name ([a-z0-9-]+)")]
    private static partial Regex SecretSet();

    [GeneratedRegex(@"^\| `([a-z0-9-]+)` \| `[A-Za-z]", RegexOptions.Multiline)]
    private static partial Regex SecretRow();

    [GeneratedRegex(@"azd env set ([A-Z_]+) ")]
    private static partial Regex EnvSet();

    [GeneratedRegex(@"azd env get-value ([A-Z_]+)")]
    private static partial Regex EnvGet();

    [GeneratedRegex(@"parameter `([a-zA-Z]+)`")]
    private static partial Regex ParameterNamed();
}
