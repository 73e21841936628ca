using System.Text.Json.Nodes;
using Mentoring.Infra.Tests;

namespace Mentoring.Functions.Tests.FunctionsHost;

/// <summary>What the local run puts in place of a deployed value that only exists in Azure.</summary>
internal sealed record LocalValues(
    string StorageConnectionString,
    Uri AppBaseUrl,
    string SendGridApiKey,
    IReadOnlyDictionary<string, string> WebhookSecrets,
    string LinkSigningKey,
    string AdminKey,
    string SendGridEventPublicKey,
    string FromAddress);

/// <summary>
/// The function app's settings exactly as infra/main.bicep defines them (read from the compiled template), with each
/// value that only Azure can give — a Key Vault reference, a managed identity, the site's host name — replaced by a
/// local one. A setting the Bicep gains that this table does not know fails the tests: it needs a local decision.
/// </summary>
internal static class DeployedSettings
{
    /// <summary>The app settings resource of the function app, as the compiled template writes them.</summary>
    public static IReadOnlyDictionary<string, string> FromBicep()
    {
        var build = CompiledTemplate.MainBuild;
        if (build.ExitCode != 0)
            throw new InvalidOperationException($"infra/main.bicep does not compile: {build}");
        var settings = FindAppSettings(CompiledTemplate.LoadMain())
            ?? throw new InvalidOperationException("the compiled template has no Microsoft.Web/sites/config 'appsettings' resource");
        return settings.ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);
    }

    /// <summary>The environment the host gets: the Bicep's settings with local values; null removes one.</summary>
    public static IReadOnlyDictionary<string, string> ForLocalRun(LocalValues local, out IReadOnlyList<string> replaced)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        var changes = new List<string>();
        foreach (var (name, value) in FromBicep())
        {
            var expression = value.StartsWith('[') && value.EndsWith(']');
            var localValue = Local(name, local);
            if (localValue is LocalValue.Keep)
            {
                if (expression)
                    throw new InvalidOperationException($"infra/main.bicep sets {name} to an Azure-only value ({value}); decide its local value in {nameof(DeployedSettings)}.");
                environment[name] = value;
                continue;
            }

            changes.Add(localValue is LocalValue.Set set ? $"{name} (local value)" : $"{name} (left out: {((LocalValue.Drop)localValue).Why})");
            if (localValue is LocalValue.Set replacement)
                environment[name] = replacement.Value;
        }

        // Storage as the Functions host names it locally: the managed-identity settings above become one connection string.
        environment["AzureWebJobsStorage"] = local.StorageConnectionString;
        replaced = changes;
        return environment;
    }

    private static LocalValue Local(string name, LocalValues local) => name switch
    {
        "AzureWebJobsStorage__credential" or "AzureWebJobsStorage__clientId" or "AzureWebJobsStorage__blobServiceUri"
            or "AzureWebJobsStorage__queueServiceUri" or "AzureWebJobsStorage__tableServiceUri"
            => new LocalValue.Drop("managed identity; AzureWebJobsStorage is Azurite's connection string"),
        "AZURE_CLIENT_ID" => new LocalValue.Drop("managed identity"),
        "APPLICATIONINSIGHTS_CONNECTION_STRING" or "APPLICATIONINSIGHTS_AUTHENTICATION_STRING"
            => new LocalValue.Drop("Application Insights is stubbed in the host built from source"),
        "ServiceBus__FullyQualifiedNamespace" => new LocalValue.Drop("no Service Bus here; integration events are logged"),
        "ServiceBus__Topic" => new LocalValue.Set("integration-events"),
        "SendGrid__ApiKey" => new LocalValue.Set(local.SendGridApiKey),
        "SendGrid__EventWebhookPublicKey" => new LocalValue.Set(local.SendGridEventPublicKey),
        "Auth__BootstrapKey" => new LocalValue.Set(local.AdminKey),
        "Email__FromAddress" => new LocalValue.Set(local.FromAddress),
        "Email__FromName" => new LocalValue.Set("Mentoring program"),
        "Links__SigningKey" => new LocalValue.Set(local.LinkSigningKey),
        "Links__BaseUrl" => new LocalValue.Set(Https(local.AppBaseUrl).ToString().TrimEnd('/')),
        "Calendars__Graph__NotificationUrl" => new LocalValue.Set(new Uri(local.AppBaseUrl, "api/webhooks/graph").ToString()),
        "Calendars__Graph__LifecycleNotificationUrl" => new LocalValue.Set(new Uri(local.AppBaseUrl, "api/webhooks/graph/lifecycle").ToString()),
        "Calendars__Google__WebhookUrl" => new LocalValue.Set(new Uri(local.AppBaseUrl, "api/webhooks/google").ToString()),
        _ when name.StartsWith("Webhooks__", StringComparison.Ordinal) && name.EndsWith("__Secrets__0", StringComparison.Ordinal)
            => new LocalValue.Set(local.WebhookSecrets[name["Webhooks__".Length..^"__Secrets__0".Length]]),
        _ => LocalValue.Keep.Instance,
    };

    /// <summary>
    /// Links are https in Azure (App Service terminates TLS; SendGrid sending requires https links). Locally the same
    /// host and port answer plain http, so a test follows a link by swapping the scheme back.
    /// </summary>
    public static Uri Https(Uri url) => new UriBuilder(url) { Scheme = Uri.UriSchemeHttps, Port = url.Port }.Uri;

    private static JsonObject? FindAppSettings(JsonNode? template)
    {
        var resources = template?["resources"];
        IEnumerable<JsonNode?> all = resources switch
        {
            JsonArray array => array,
            JsonObject map => map.Select(p => p.Value),
            _ => [],
        };
        foreach (var resource in all)
        {
            var type = resource?["type"]?.GetValue<string>();
            if (type == "Microsoft.Resources/deployments" && FindAppSettings(resource?["properties"]?["template"]) is { } nested)
                return nested;
            if (type == "Microsoft.Web/sites/config" && resource?["name"]?.ToJsonString().Contains("appsettings", StringComparison.Ordinal) == true)
                return resource["properties"] as JsonObject;
        }

        return null;
    }

    private abstract record LocalValue
    {
        public sealed record Keep : LocalValue
        {
            public static readonly Keep Instance = new();
        }

        public sealed record Set(string Value) : LocalValue;

        public sealed record Drop(string Why) : LocalValue;
    }
}
