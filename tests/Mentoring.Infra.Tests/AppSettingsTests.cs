using System.Text.Json.Nodes;

namespace Mentoring.Infra.Tests;

public sealed class AppSettingsTests
{
    // The settings the application reads (see the Functions project's options classes).
    private static readonly string[] Expected =
    [
        "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId", "AzureWebJobsStorage__blobServiceUri",
        "AzureWebJobsStorage__queueServiceUri", "AzureWebJobsStorage__tableServiceUri",
        "ServiceBus__FullyQualifiedNamespace", "ServiceBus__Topic",
        "SendGrid__ApiKey", "Webhooks__Calcom__Secrets__0", "Webhooks__Calendly__Secrets__0", "Webhooks__Zoom__Secrets__0",
        "Webhooks__Graph__Secrets__0", "Webhooks__Google__Secrets__0", "Links__SigningKey", "Links__BaseUrl",
        "SendGrid__EventWebhookPublicKey", "Email__FromAddress", "Email__FromName", "Auth__BootstrapKey", "Auth__TrustClientPrincipal",
        "Calendars__Graph__NotificationUrl", "Calendars__Graph__LifecycleNotificationUrl", "Calendars__Google__WebhookUrl",
        "SubscriptionRenewalSchedule", "IcsPollSchedule",
        "SweepSchedule", "AZURE_CLIENT_ID", "APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
    ];

    // Settings the app reads with a default meant for Azure too: the Bicep sets none of them, an operator may. The caps
    // bound the work of one admin request (docs/admin-api.md, "Bounded work"); private targets stay refused in Azure.
    private static readonly string[] OptionalWithAzureDefaults =
    [
        "Admin__MaxJsonBytes", "Admin__MaxCsvBytes", "Admin__MaxCsvColumns", "Admin__MaxCsvRows", "Admin__MaxCsvRecordBytes",
        "Admin__DefaultPageSize", "Admin__MaxPageSize", "Network__AllowPrivateTargets",
    ];

    [Fact]
    public void AppSettings_CompiledMain_LeaveTheCapsAndPrivateTargetsAtTheirDefaults()
    {
        var settings = Settings(CompiledTemplate.LoadMain());

        Assert.Empty(OptionalWithAzureDefaults.Intersect(settings.Keys));
    }

    [Fact]
    public void AppSettings_CompiledMain_HoldEverySettingTheAppReads()
    {
        var settings = Settings(CompiledTemplate.LoadMain());

        Assert.Empty(Expected.Except(settings.Keys));
    }

    [Theory]
    [InlineData("SweepSchedule", "0 0 * * * *")]
    [InlineData("AzureWebJobsStorage__credential", "managedidentity")]
    [InlineData("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "Authorization=AAD;ClientId=")]
    [InlineData("SendGrid__ApiKey", AppSettingsRules.KeyVaultReference)]
    [InlineData("Links__SigningKey", AppSettingsRules.KeyVaultReference)]
    [InlineData("Webhooks__Graph__Secrets__0", AppSettingsRules.KeyVaultReference)]
    [InlineData("SendGrid__EventWebhookPublicKey", AppSettingsRules.KeyVaultReference)]
    [InlineData("Auth__BootstrapKey", AppSettingsRules.KeyVaultReference)]
    [InlineData("Email__FromAddress", "parameters('emailFromAddress')")]
    [InlineData("Calendars__Google__WebhookUrl", "/api/webhooks/google")]
    public void AppSettings_CompiledMain_HaveTheExpectedForm(string name, string expected)
    {
        var settings = Settings(CompiledTemplate.LoadMain());

        Assert.Contains(expected, settings[name], StringComparison.Ordinal);
    }

    [Fact]
    public void AppSettings_CompiledMain_HoldNothingTheAppDoesNotRead()
    {
        // Storage__TableServiceUri and Storage__QueueServiceUri were set once; the app reads AzureWebJobsStorage__*.
        var settings = Settings(CompiledTemplate.LoadMain());

        Assert.Empty(settings.Keys.Except(Expected));
    }

    [Fact]
    public void Check_SecretLiteralInAppSettings_Reported()
    {
        var template = CompiledTemplate.LoadMain();
        SettingsNode(template)["Webhooks__Zoom__Secrets__0"] = "plain-zoom-secret";

        var violation = Assert.Single(SecurityRules.Check(template));

        Assert.Contains("Webhooks__Zoom__Secrets__0 looks secret but is not a Key Vault reference", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_StorageConnectionStringInAppSettings_Reported()
    {
        var template = CompiledTemplate.LoadMain();
        SettingsNode(template)["AzureWebJobsStorage"] = "DefaultEndpointsProtocol=https;AccountName=st;AccountKey=abc==";

        var violations = SecurityRules.Check(template);

        Assert.Contains(violations, v => v.Contains("AzureWebJobsStorage is a connection string", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("credential literal (AccountKey=)", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_SecureParameterInAppSettings_Reported()
    {
        var template = CompiledTemplate.LoadMain();
        var (config, declaring) = ArmTemplate.Resources(template).Single(r => AppSettingsRules.Settings(r.Resource) is not null);
        declaring["parameters"]!["leakedKey"] = new JsonObject { ["type"] = "securestring" };
        config["properties"]!["Extra__Value"] = "[parameters('leakedKey')]";

        var violation = Assert.Single(SecurityRules.Check(template));

        Assert.Contains("takes the secure parameter leakedKey", violation, StringComparison.Ordinal);
    }

    private static IReadOnlyDictionary<string, string> Settings(JsonNode template) =>
        ArmTemplate.Resources(template).Select(r => AppSettingsRules.Settings(r.Resource)).OfType<IReadOnlyDictionary<string, string>>().Single();

    private static JsonObject SettingsNode(JsonNode template) =>
        ArmTemplate.Resources(template).Select(r => r.Resource).Single(r => AppSettingsRules.Settings(r) is not null)["properties"]!.AsObject();
}
