using System.Text;
using Azure.Data.Tables;
using Mentoring.Application.Auth;
using Mentoring.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Mentoring.Tests.Auth;

/// <summary>
/// Who an admin request is, as deployed behind App Service authentication (docs/deploy.md): an API key in X-Api-Key, or
/// the client principal the platform set — whose request still carries the Entra bearer token it signed in with.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class AuthenticatorTests(AzuriteFixture azurite)
{
    private const string Bootstrap = "bootstrap-key-of-at-least-32-characters-0123";

    private static readonly string AdminPrincipal = Convert.ToBase64String(Encoding.UTF8.GetBytes(
        "{\"auth_typ\":\"aad\",\"role_typ\":\"roles\",\"claims\":[{\"typ\":\"roles\",\"val\":\"Mentoring.Admin\"},"
        + "{\"typ\":\"mentoring_programs\",\"val\":\"*\"},{\"typ\":\"oid\",\"val\":\"00000000-0000-0000-0000-00000000a11c\"}]}"));

    [Fact]
    public async Task ApiKeyHeader_BootstrapKey_IsTheBootstrapCaller()
    {
        var caller = await AuthenticateAsync(trustPrincipal: true, (Authenticator.ApiKeyHeader, Bootstrap));

        Assert.Equal(Authenticator.BootstrapKeyId, caller?.Id);
    }

    [Fact]
    public async Task BearerHeader_BootstrapKey_StillWorks()
    {
        var caller = await AuthenticateAsync(trustPrincipal: false, ("Authorization", "Bearer " + Bootstrap));

        Assert.Equal(Authenticator.BootstrapKeyId, caller?.Id);
    }

    [Fact]
    public async Task EntraSignIn_PrincipalWithItsBearerToken_IsThePrincipal_NotAnUnknownKey()
    {
        var caller = await AuthenticateAsync(
            trustPrincipal: true,
            ("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJhcGk6Ly9tZW50b3JpbmcifQ.c2lnbmF0dXJl"),
            ("X-MS-CLIENT-PRINCIPAL", AdminPrincipal));

        Assert.Equal("aad:00000000-0000-0000-0000-00000000a11c", caller?.Id);
        Assert.True(caller!.CanWrite);
    }

    [Fact]
    public async Task ClientPrincipal_NotTrusted_IsNobody()
    {
        Assert.Null(await AuthenticateAsync(trustPrincipal: false, ("X-MS-CLIENT-PRINCIPAL", AdminPrincipal)));
    }

    [Fact]
    public async Task ApiKeyHeader_UnknownKey_IsNobody_EvenWithAPrincipal()
    {
        Assert.Null(await AuthenticateAsync(trustPrincipal: true, (Authenticator.ApiKeyHeader, "mk_unknown"), ("X-MS-CLIENT-PRINCIPAL", AdminPrincipal)));
    }

    private async Task<Caller?> AuthenticateAsync(bool trustPrincipal, params (string Name, string Value)[] headers)
    {
        var keys = new ApiKeyStore(new TableServiceClient(azurite.ConnectionString));
        await new TableServiceClient(azurite.ConnectionString).CreateTableIfNotExistsAsync(ApiKeyStore.Table);
        var options = Options.Create(new AuthOptions { BootstrapKey = Bootstrap, TrustClientPrincipal = trustPrincipal });
        var authenticator = new Authenticator(keys, options, NullLogger<Authenticator>.Instance);
        var context = new DefaultHttpContext();
        foreach (var (name, value) in headers)
            context.Request.Headers[name] = value;
        return await authenticator.AuthenticateAsync(context.Request, default);
    }
}
