using System.Text.Json.Nodes;

namespace Mentoring.Infra.Tests;

public sealed class SecurityRulesTests
{
    [Fact]
    public void Check_CompiledMain_NoViolations()
    {
        var violations = SecurityRules.Check(CompiledTemplate.LoadMain());

        Assert.Empty(violations);
    }

    [Theory]
    [InlineData("Microsoft.Storage/storageAccounts", "properties.allowSharedKeyAccess", "true")]
    [InlineData("Microsoft.Storage/storageAccounts", "properties.minimumTlsVersion", "\"TLS1_0\"")]
    [InlineData("Microsoft.Storage/storageAccounts", "properties.supportsHttpsTrafficOnly", "false")]
    [InlineData("Microsoft.Storage/storageAccounts", "properties.allowBlobPublicAccess", "true")]
    [InlineData("Microsoft.ServiceBus/namespaces", "properties.disableLocalAuth", "false")]
    [InlineData("Microsoft.KeyVault/vaults", "properties.enableRbacAuthorization", "false")]
    [InlineData("Microsoft.KeyVault/vaults", "properties.enablePurgeProtection", "null")]
    [InlineData("Microsoft.Insights/components", "properties.DisableLocalAuth", "false")]
    [InlineData("Microsoft.Web/serverfarms", "sku.name", "\"Y1\"")]
    [InlineData("Microsoft.Web/sites", "properties.httpsOnly", "false")]
    [InlineData("Microsoft.Web/sites", "properties.functionAppConfig.scaleAndConcurrency.alwaysReady", "[]")]
    [InlineData("Microsoft.Web/sites", "properties.functionAppConfig.scaleAndConcurrency.maximumInstanceCount", "null")]
    public void Check_PropertyFlipped_ReportsThatProperty(string type, string path, string flippedJson)
    {
        var template = CompiledTemplate.LoadMain();
        ArmTemplate.Set(Single(template, type), path, JsonNode.Parse(flippedJson));

        var violations = SecurityRules.Check(template);

        var violation = Assert.Single(violations);
        Assert.Contains(type, violation, StringComparison.Ordinal);
        Assert.Contains(path.Split('.')[^1], violation, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_RoleAssignmentAtSubscription_Reported()
    {
        var template = CompiledTemplate.LoadMain();
        var assignment = First(template, "Microsoft.Authorization/roleAssignments");
        assignment["scope"] = "[subscription().id]";

        var violation = Assert.Single(SecurityRules.Check(template));

        Assert.Contains("scope", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_RoleAssignmentWithoutScope_Reported()
    {
        var template = CompiledTemplate.LoadMain();
        First(template, "Microsoft.Authorization/roleAssignments").Remove("scope");

        var violation = Assert.Single(SecurityRules.Check(template));

        Assert.Contains("not the resource group or subscription", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_OwnerRoleGranted_Reported()
    {
        var template = CompiledTemplate.LoadMain();
        ArmTemplate.Set(
            First(template, "Microsoft.Authorization/roleAssignments"),
            "properties.roleDefinitionId",
            "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635')]");

        var violation = Assert.Single(SecurityRules.Check(template));

        Assert.Contains("broad role", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_AdminRoutesOpened_Reported()
    {
        var template = CompiledTemplate.LoadMain();
        var auth = ArmTemplate.Resources(template).Select(r => r.Resource)
            .Single(r => ArmTemplate.Name(r).Contains("authsettingsV2", StringComparison.Ordinal));
        ArmTemplate.Set(auth, "properties.globalValidation.excludedPaths", new JsonArray("/api/*"));

        var violation = Assert.Single(SecurityRules.Check(template));

        Assert.Contains("excludedPaths", violation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("properties.globalValidation.requireAuthentication", "true", "never reaches the app")]
    [InlineData("properties.globalValidation.unauthenticatedClientAction", "\"Return401\"", "never reaches the app")]
    [InlineData("properties.platform.enabled", "false", "trusts X-MS-CLIENT-PRINCIPAL")]
    public void Check_AuthFlipped_Reported(string path, string flippedJson, string expected)
    {
        var template = CompiledTemplate.LoadMain();
        var auth = ArmTemplate.Resources(template).Select(r => r.Resource)
            .Single(r => ArmTemplate.Name(r).Contains("authsettingsV2", StringComparison.Ordinal));
        ArmTemplate.Set(auth, path, JsonNode.Parse(flippedJson));

        var violations = SecurityRules.Check(template);

        Assert.Contains(violations, v => v.Contains(expected, StringComparison.Ordinal));
    }

    internal static JsonObject Single(JsonNode template, string type) =>
        ArmTemplate.Resources(template).Select(r => r.Resource).Single(r => ArmTemplate.Type(r) == type);

    internal static JsonObject First(JsonNode template, string type) =>
        ArmTemplate.Resources(template).Select(r => r.Resource).First(r => ArmTemplate.Type(r) == type);
}
