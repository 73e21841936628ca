using System.Text.Json.Nodes;

namespace Mentoring.Infra.Tests;

/// <summary>
/// The compiled template admits the admin API's users (docs/deploy.md, "The admin API's sign-in"): an API key and an
/// Entra sign-in both reach the app, which decides; the self-authenticating routes are never touched by the platform.
/// </summary>
public sealed class AdminAuthTests
{
    [Fact]
    public void ApiKeyRequest_ToAnAdminRoute_ReachesTheApp()
    {
        // X-Api-Key is not a sign-in the platform knows: to the platform this request is unauthenticated.
        Assert.Null(AppServiceAuthGate.Decide(Auth(CompiledTemplate.LoadMain()), "/api/programs", signedIn: false));
    }

    [Fact]
    public void EntraSignIn_ToAnAdminRoute_ReachesTheApp_AndTheAppReadsIt()
    {
        var template = CompiledTemplate.LoadMain();

        Assert.Null(AppServiceAuthGate.Decide(Auth(template), "/api/programs/p1/pairs", signedIn: true));
        Assert.Equal("true", Settings(template)["Auth__TrustClientPrincipal"]);
    }

    [Theory]
    [InlineData("/api/webhooks/calcom/p1")]
    [InlineData("/api/checkin/abc.def")]
    [InlineData("/api/unsubscribe/abc.def")]
    [InlineData("/api/health")]
    public void SelfAuthenticatingAndPublicRoutes_ReachTheApp(string path)
    {
        Assert.Null(AppServiceAuthGate.Decide(Auth(CompiledTemplate.LoadMain()), path, signedIn: false));
    }

    [Fact]
    public void BootstrapKey_ComesFromKeyVault()
    {
        Assert.StartsWith("[format('@Microsoft.KeyVault(SecretUri=", Settings(CompiledTemplate.LoadMain())["Auth__BootstrapKey"], StringComparison.Ordinal);
    }

    [Fact]
    public void TheFormerGate_Return401OnEveryRouteNotExcluded_WouldStopTheKey()
    {
        var auth = Auth(CompiledTemplate.LoadMain());
        ArmTemplate.Set(auth, "properties.globalValidation.requireAuthentication", true);
        ArmTemplate.Set(auth, "properties.globalValidation.unauthenticatedClientAction", "Return401");

        Assert.Equal(401, AppServiceAuthGate.Decide(auth, "/api/programs", signedIn: false));
    }

    internal static JsonObject Auth(JsonNode template) =>
        ArmTemplate.Resources(template).Select(r => r.Resource)
            .Single(r => ArmTemplate.Type(r) == "Microsoft.Web/sites/config" && ArmTemplate.Name(r).Contains("authsettingsV2", StringComparison.Ordinal));

    internal static IReadOnlyDictionary<string, string> Settings(JsonNode template) =>
        ArmTemplate.Resources(template).Select(r => AppSettingsRules.Settings(r.Resource)).OfType<IReadOnlyDictionary<string, string>>().Single();
}
