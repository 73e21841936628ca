using System.Text.Json.Nodes;
using static Mentoring.Infra.Tests.ArmTemplate;

namespace Mentoring.Infra.Tests;

/// <summary>
/// The deployment's security properties, checked on a compiled ARM template. Returns one line per violation (empty
/// when the template is sound) so a test can show a flipped property is caught, and which one.
/// </summary>
internal static class SecurityRules
{
    // Owner, Contributor, User Access Administrator: never granted by these templates.
    private static readonly string[] BroadRoles =
    [
        "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
        "b24988ac-6180-42a0-ab88-20f7382dd24c",
        "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
    ];

    private static readonly (string Type, string Path, JsonNode Expected)[] Required =
    [
        ("Microsoft.Storage/storageAccounts", "properties.allowSharedKeyAccess", false),
        ("Microsoft.Storage/storageAccounts", "properties.minimumTlsVersion", "TLS1_2"),
        ("Microsoft.Storage/storageAccounts", "properties.supportsHttpsTrafficOnly", true),
        ("Microsoft.Storage/storageAccounts", "properties.allowBlobPublicAccess", false),
        ("Microsoft.ServiceBus/namespaces", "properties.disableLocalAuth", true),
        ("Microsoft.KeyVault/vaults", "properties.enableRbacAuthorization", true),
        ("Microsoft.KeyVault/vaults", "properties.enablePurgeProtection", true),
        ("Microsoft.Insights/components", "properties.DisableLocalAuth", true),
        ("Microsoft.OperationalInsights/workspaces", "properties.features.disableLocalAuth", true),
        ("Microsoft.Web/serverfarms", "sku.name", "FC1"),
        ("Microsoft.Web/sites", "properties.httpsOnly", true),
        ("Microsoft.Web/sites", "properties.functionAppConfig.runtime.name", "dotnet-isolated"),
        ("Microsoft.Web/sites", "properties.functionAppConfig.runtime.version", "10.0"),
    ];

    public static IReadOnlyList<string> Check(JsonNode template)
    {
        var resources = Resources(template).ToList();
        var violations = new List<string>();
        foreach (var (type, path, expected) in Required)
        {
            violations.AddRange(CheckProperty(resources.Select(r => r.Resource), type, path, expected));
        }

        violations.AddRange(CheckScale(resources.Select(r => r.Resource)));
        violations.AddRange(CheckRoleAssignments(resources.Select(r => r.Resource)));
        violations.AddRange(CheckAuthentication(resources.Select(r => r.Resource)));
        violations.AddRange(AppSettingsRules.Check(resources));
        return violations;
    }

    private static IEnumerable<string> CheckProperty(IEnumerable<JsonObject> resources, string type, string path, JsonNode expected)
    {
        var ofType = resources.Where(r => Type(r) == type).ToList();
        if (ofType.Count == 0)
        {
            yield return $"{type}: none in the template, so {path} cannot be {expected.ToJsonString()}";
        }

        foreach (var resource in ofType)
        {
            var actual = At(resource, path);
            if (!JsonNode.DeepEquals(actual, expected))
            {
                yield return $"{type} {Name(resource)}: {path} is {actual?.ToJsonString() ?? "missing"}, expected {expected.ToJsonString()}";
            }
        }
    }

    private static IEnumerable<string> CheckScale(IEnumerable<JsonObject> resources)
    {
        foreach (var site in resources.Where(r => Type(r) == "Microsoft.Web/sites"))
        {
            var scale = At(site, "properties.functionAppConfig.scaleAndConcurrency");
            if (scale?["alwaysReady"] is not JsonArray { Count: > 0 } alwaysReady
                || !alwaysReady.Any(entry => entry?["name"]?.GetValue<string>() == "http"))
            {
                yield return $"Microsoft.Web/sites {Name(site)}: scaleAndConcurrency.alwaysReady has no entry for the http group";
            }

            if (scale?["maximumInstanceCount"] is null)
            {
                yield return $"Microsoft.Web/sites {Name(site)}: scaleAndConcurrency.maximumInstanceCount is missing";
            }
        }
    }

    private static IEnumerable<string> CheckRoleAssignments(IEnumerable<JsonObject> resources)
    {
        foreach (var assignment in resources.Where(r => Type(r) == "Microsoft.Authorization/roleAssignments"))
        {
            var scope = assignment["scope"]?.GetValue<string>() ?? "";
            // Resource scope: "[resourceId('Microsoft.X/y', ...)]" or a literal ".../providers/Microsoft.X/...".
            if (!scope.StartsWith("[resourceId('Microsoft.", StringComparison.Ordinal)
                && !scope.Contains("/providers/Microsoft.", StringComparison.Ordinal))
            {
                yield return $"roleAssignment {Name(assignment)}: scope is '{scope}', expected one resource (not the resource group or subscription)";
            }

            var role = At(assignment, "properties.roleDefinitionId")?.ToJsonString() ?? "";
            if (BroadRoles.Any(broad => role.Contains(broad, StringComparison.OrdinalIgnoreCase)))
            {
                yield return $"roleAssignment {Name(assignment)}: roleDefinitionId {role} is a broad role (Owner, Contributor, User Access Administrator)";
            }
        }
    }

    private static IEnumerable<string> CheckAuthentication(IEnumerable<JsonObject> resources)
    {
        var all = resources.ToList();
        var auth = all.Where(r => Type(r) == "Microsoft.Web/sites/config" && Name(r).Contains("authsettingsV2", StringComparison.Ordinal)).ToList();
        if (auth.Count == 0)
        {
            yield return "Microsoft.Web/sites/config: no authsettingsV2, so nothing strips a client's own X-MS-CLIENT-PRINCIPAL";
        }

        var settings = all.Select(AppSettingsRules.Settings).OfType<IReadOnlyDictionary<string, string>>().FirstOrDefault();
        if (settings?.GetValueOrDefault("Auth__TrustClientPrincipal") != "true")
        {
            yield return "app settings: Auth__TrustClientPrincipal is not 'true', so an Entra sign-in is never read";
        }

        string[] anonymous = ["/api/webhooks/*", "/api/checkin/*", "/api/unsubscribe/*"];
        foreach (var config in auth)
        {
            // The app reads X-MS-CLIENT-PRINCIPAL: only safe while the platform runs and drops that header from clients.
            if (!JsonNode.DeepEquals(At(config, "properties.platform.enabled"), true))
            {
                yield return $"authsettingsV2 {Name(config)}: platform.enabled is not true, yet the app trusts X-MS-CLIENT-PRINCIPAL";
            }

            // API keys are not Entra tokens: the platform must let a request without a sign-in through to the app.
            if (AppServiceAuthGate.Decide(config, "/api/programs", signedIn: false) is { } refused)
            {
                yield return $"authsettingsV2 {Name(config)}: a request without an Entra sign-in is answered {refused} by the platform "
                    + "(requireAuthentication/unauthenticatedClientAction), so an API key never reaches the app";
            }

            var excluded = At(config, "properties.globalValidation.excludedPaths") as JsonArray ?? [];
            var paths = excluded.Select(p => p?.ToString() ?? "").Order(StringComparer.Ordinal);
            if (!paths.SequenceEqual(anonymous.Order(StringComparer.Ordinal)))
            {
                yield return $"authsettingsV2 {Name(config)}: globalValidation.excludedPaths is {excluded.ToJsonString()}, expected exactly {string.Join(", ", anonymous)}";
            }
        }
    }
}
