namespace Mentoring.Infra.Tests;

public sealed class OutputsTests
{
    [Theory]
    [InlineData("AZURE_LOCATION")]
    [InlineData("AZURE_TENANT_ID")]
    [InlineData("AZURE_RESOURCE_GROUP")]
    [InlineData("AZURE_FUNCTION_APP_NAME")]
    [InlineData("SERVICE_API_NAME")]
    [InlineData("SERVICE_API_URI")]
    [InlineData("AZURE_STORAGE_ACCOUNT_NAME")]
    [InlineData("AZURE_STORAGE_QUEUE_ENDPOINT")]
    [InlineData("AZURE_STORAGE_TABLE_ENDPOINT")]
    [InlineData("AZURE_SERVICEBUS_NAMESPACE")]
    [InlineData("AZURE_KEY_VAULT_NAME")]
    public void Outputs_CompiledMain_IncludeWhatAzdNeeds(string name)
    {
        var outputs = CompiledTemplate.LoadMain()["outputs"]!.AsObject();

        Assert.True(outputs.ContainsKey(name), $"main.bicep has no output {name}");
    }

    [Fact]
    public void Parameters_MainBicep_EachHasADescription()
    {
        var parameters = CompiledTemplate.LoadMain()["parameters"]!.AsObject();

        var undescribed = parameters.Where(p => p.Value?["metadata"]?["description"] is null).Select(p => p.Key);

        Assert.Empty(undescribed);
    }
}
