using System.Text.Json.Nodes;

namespace Mentoring.Infra.Tests;

/// <summary>networkIsolation: off by default (nothing changes), and when on, storage and Key Vault deny other networks.</summary>
public sealed class NetworkIsolationTests
{
    [Fact]
    public void Parameter_IsOffByDefault()
    {
        var parameter = CompiledTemplate.LoadMain()["parameters"]!["networkIsolation"]!;

        Assert.Equal("bool", parameter["type"]!.ToString());
        Assert.False(parameter["defaultValue"]!.GetValue<bool>());
    }

    [Fact]
    public void VirtualNetwork_IsDeployedOnlyWithIsolation()
    {
        var network = Deployment(CompiledTemplate.LoadMain(), "network");

        Assert.Equal("[parameters('networkIsolation')]", network["condition"]?.ToString());
    }

    [Theory]
    [InlineData("storage", "Microsoft.Storage/storageAccounts")]
    [InlineData("keyvault", "Microsoft.KeyVault/vaults")]
    public void StorageAndKeyVault_DenyOtherNetworks_OnlyWithIsolation(string module, string type)
    {
        var deployment = Deployment(CompiledTemplate.LoadMain(), module);
        var resource = ArmTemplate.Resources(deployment["properties"]!["template"]!).Select(r => r.Resource).Single(r => ArmTemplate.Type(r) == type);

        Assert.Equal("[if(parameters('isolated'), 'Deny', 'Allow')]", ArmTemplate.At(resource, "properties.networkAcls.defaultAction")?.ToString());
        Assert.Equal("[parameters('networkIsolation')]", deployment["properties"]!["parameters"]!["isolated"]!["value"]!.ToString());
    }

    [Fact]
    public void WithIsolation_StorageAndKeyVault_HavePrivateEndpoints_AndTheAppJoinsTheSubnet()
    {
        var template = CompiledTemplate.LoadMain();
        var network = Deployment(template, "network")["properties"]!["template"]!;
        var groups = ArmTemplate.At(network, "variables.targets") as JsonArray ?? [];

        Assert.Equal(["blob", "queue", "table", "vault"], groups.Select(g => g!["name"]!.ToString()).Order(StringComparer.Ordinal));
        Assert.Contains(ArmTemplate.Resources(network), r => ArmTemplate.Type(r.Resource) == "Microsoft.Network/privateEndpoints");
        Assert.Equal("[variables('functionsSubnetId')]", Deployment(template, "functionapp")["properties"]!["parameters"]!["subnetId"]!["value"]!.ToString());
        Assert.EndsWith(", '')]", template["variables"]!["functionsSubnetId"]!.ToString(), StringComparison.Ordinal);
    }

    private static JsonObject Deployment(JsonNode template, string name) =>
        ArmTemplate.Resources(template).Select(r => r.Resource)
            .Single(r => ArmTemplate.Type(r) == "Microsoft.Resources/deployments" && r["name"]?.ToString() == name);
}
