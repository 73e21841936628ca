using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static Mentoring.Infra.Tests.ArmTemplate;

namespace Mentoring.Infra.Tests;

/// <summary>App settings: storage by identity, no credential literal, every secret a Key Vault reference.</summary>
internal static partial class AppSettingsRules
{
    public const string KeyVaultReference = "@Microsoft.KeyVault(SecretUri=";

    private static readonly string[] SecretWords = ["secret", "key", "password", "token", "clientstate", "connectionstring", "connection_string", "sas"];

    // The connection string names the Application Insights component; with local auth off, ingestion needs a token.
    private static readonly string[] NotSecrets = ["APPLICATIONINSIGHTS_CONNECTION_STRING"];

    private static readonly string[] CredentialLiterals = ["AccountKey=", "SharedAccessKey=", "SharedAccessSignature=", "DefaultEndpointsProtocol=", "sig="];

    public static IEnumerable<string> Check(IEnumerable<(JsonObject Resource, JsonObject Template)> resources)
    {
        var found = false;
        foreach (var (resource, template) in resources)
        {
            if (Settings(resource) is not { } settings)
            {
                continue;
            }

            found = true;
            foreach (var violation in CheckSettings(settings, template))
            {
                yield return $"app settings {Name(resource)}: {violation}";
            }
        }

        if (!found)
        {
            yield return "app settings: none in the template";
        }
    }

    /// <summary>The settings of a sites/config 'appsettings' resource, or of a site's siteConfig.appSettings.</summary>
    public static IReadOnlyDictionary<string, string>? Settings(JsonObject resource)
    {
        if (Type(resource) == "Microsoft.Web/sites/config" && Name(resource).Contains("appsettings", StringComparison.OrdinalIgnoreCase))
        {
            return resource["properties"]!.AsObject().ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "");
        }

        if (Type(resource) == "Microsoft.Web/sites" && At(resource, "properties.siteConfig.appSettings") is JsonArray pairs)
        {
            return pairs.OfType<JsonObject>().ToDictionary(p => p["name"]!.ToString(), p => p["value"]?.ToString() ?? "");
        }

        return null;
    }

    private static IEnumerable<string> CheckSettings(IReadOnlyDictionary<string, string> settings, JsonObject template)
    {
        if (settings.ContainsKey("AzureWebJobsStorage"))
        {
            yield return "AzureWebJobsStorage is a connection string; use AzureWebJobsStorage__* (identity)";
        }

        if (settings.GetValueOrDefault("AzureWebJobsStorage__credential") != "managedidentity")
        {
            yield return "AzureWebJobsStorage__credential is not managedidentity";
        }

        foreach (var name in new[] { "clientId", "blobServiceUri", "queueServiceUri", "tableServiceUri" })
        {
            if (!settings.ContainsKey($"AzureWebJobsStorage__{name}"))
            {
                yield return $"AzureWebJobsStorage__{name} is missing";
            }
        }

        foreach (var (name, value) in settings)
        {
            if (CredentialLiterals.FirstOrDefault(literal => value.Contains(literal, StringComparison.OrdinalIgnoreCase)) is { } literal)
            {
                yield return $"{name} holds a credential literal ({literal})";
            }

            if (LooksSecret(name) && !value.Contains(KeyVaultReference, StringComparison.Ordinal))
            {
                yield return $"{name} looks secret but is not a Key Vault reference";
            }

            foreach (Match match in ParameterReference().Matches(value))
            {
                var type = template["parameters"]?[match.Groups[1].Value]?["type"]?.ToString() ?? "";
                if (type.StartsWith("secure", StringComparison.OrdinalIgnoreCase))
                {
                    yield return $"{name} takes the secure parameter {match.Groups[1].Value}: secrets go through Key Vault";
                }
            }
        }
    }

    private static bool LooksSecret(string name) =>
        !NotSecrets.Contains(name, StringComparer.OrdinalIgnoreCase)
        && SecretWords.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex(@"parameters\('([^']+)'\)")]
    private static partial Regex ParameterReference();
}
