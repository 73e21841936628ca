using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mentoring.Application.Ingest.Connections;
using Mentoring.Application.Ingest.Google;
using Mentoring.Testing;
using Mentoring.Tests.Calendars.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Mentoring.Tests.Calendars.Connections;

/// <summary>
/// Domain-wide delegation: a loopback token endpoint that verifies the RS256 assertion with the key's public half and
/// checks its claims, as Google's does, then the tokens in use against the loopback Calendar API.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class GoogleServiceAccountTokensTests(AzuriteFixture azurite)
{
    private const string ClientEmail = "mentoring-sync@mentoring-prod.iam.gserviceaccount.com";

    [Fact]
    public async Task GetAsync_SignedAssertionPerOwner_OneTokenRequestUntilNearExpiry_UsedAsBearer()
    {
        using var rsa = RSA.Create(2048);
        await using var endpoint = await TokenEndpoint.StartAsync(rsa);
        await using var api = await ProviderFake.StartAsync();
        await using var harness = await ConnectionsHarness.StartAsync(azurite, api.BaseUri, new Dictionary<string, string?>
        {
            ["Calendars:Google:ServiceAccountKey"] = KeyJson(rsa, endpoint.TokenUri),
        });
        var tokens = Assert.IsType<GoogleServiceAccountTokens>(harness.Get<IGoogleAccessTokens>());
        var primary = Google("google-maria", "maria.mentor@contoso.com", "p-maria");
        var secondary = Google("google-tom", "c_9f3a2b@group.calendar.google.com", "p-tom");

        var first = await tokens.GetAsync(primary, default);
        Assert.Equal(first, await tokens.GetAsync(primary, default));
        Assert.Equal(first, await tokens.GetAsync(primary, default));
        var toms = await tokens.GetAsync(secondary, default);

        Assert.Equal(["maria.mentor@contoso.com", "tom.mentee@contoso.com"], endpoint.Subjects);
        Assert.Empty(endpoint.Problems);
        Assert.NotEqual(first, toms);

        harness.Time.Advance(TimeSpan.FromMinutes(56)); // expires_in 3599 s, refreshed 5 min early
        var refreshed = await tokens.GetAsync(primary, default);
        Assert.Equal(3, endpoint.Subjects.Count);
        Assert.NotEqual(first, refreshed);

        await harness.Connections.SaveAsync(primary with { Cursor = "CPDAlvWDx70CEPDAlvWDx70CGAU=" }, default);
        await harness.Get<GoogleConnections>().SyncAsync("sync-1", (await harness.GetAsync(primary))!, default);
        Assert.Equal("Bearer " + refreshed, Assert.Single(api.Where("GET", "/events")).Header("Authorization"));
        Assert.Equal(3, endpoint.Subjects.Count);
    }

    [Fact]
    public async Task GetAsync_CalendarIdIsSomebodyElsesAddress_ActsAsTheParticipantNotAsThem()
    {
        using var rsa = RSA.Create(2048);
        await using var endpoint = await TokenEndpoint.StartAsync(rsa);
        await using var api = await ProviderFake.StartAsync();
        await using var harness = await ConnectionsHarness.StartAsync(azurite, api.BaseUri, new Dictionary<string, string?>
        {
            ["Calendars:Google:ServiceAccountKey"] = KeyJson(rsa, endpoint.TokenUri),
        });
        var tokens = Assert.IsType<GoogleServiceAccountTokens>(harness.Get<IGoogleAccessTokens>());

        // A connection saved before connections were bound to their participant, naming the CEO's calendar as maria's.
        await tokens.GetAsync(Google("google-ceo", "ceo@contoso.com", "p-maria"), default);

        Assert.Equal(["maria.mentor@contoso.com"], endpoint.Subjects);
    }

    [Fact]
    public async Task Maintenance_DelegationRefused401_RecordedAsHttp401OnTheConnection()
    {
        using var rsa = RSA.Create(2048);
        await using var endpoint = await TokenEndpoint.StartAsync(rsa, refuse: "maria.mentor@contoso.com");
        await using var api = await ProviderFake.StartAsync();
        await using var harness = await ConnectionsHarness.StartAsync(azurite, api.BaseUri, new Dictionary<string, string?>
        {
            ["Calendars:Google:ServiceAccountKey"] = KeyJson(rsa, endpoint.TokenUri),
        });
        var connection = Google("google-maria", "maria.mentor@contoso.com", "p-maria");
        await harness.Connections.SaveAsync(connection, default);

        await harness.Get<ConnectionMaintenance>().RunAsync(default);

        Assert.Equal("http-401", (await harness.GetAsync(connection)).HealthOrNew.LastErrorKind);
        Assert.Empty(api.Received);
    }

    private static CalendarConnection Google(string id, string calendarId, string participantId) =>
        new(CalendarConnection.Google, id, ConnectionsHarness.ProgramId, participantId, null, calendarId);

    /// <summary>A key file as the Google Cloud console downloads it.</summary>
    private static string KeyJson(RSA rsa, Uri tokenUri) => JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["type"] = "service_account",
        ["project_id"] = "mentoring-prod",
        ["private_key_id"] = "3c1a5e0f9b7d",
        ["private_key"] = rsa.ExportPkcs8PrivateKeyPem() + "\n",
        ["client_email"] = ClientEmail,
        ["client_id"] = "104593372961288510312",
        ["auth_uri"] = "https://accounts.google.com/o/oauth2/auth",
        ["token_uri"] = tokenUri.AbsoluteUri,
    });

    /// <summary>An OAuth token endpoint for the JWT bearer grant (RFC 7523) that checks what Google checks.</summary>
    private sealed class TokenEndpoint : IAsyncDisposable
    {
        private readonly RSA _publicKey;
        private readonly string? _refuse;
        private LoopbackServer _server = null!;

        private TokenEndpoint(RSA key, string? refuse)
        {
            _publicKey = RSA.Create();
            _publicKey.ImportParameters(key.ExportParameters(includePrivateParameters: false));
            _refuse = refuse;
        }

        public Uri TokenUri => new(_server.BaseUri, "token");

        public ConcurrentQueue<string> Subjects { get; } = new();

        public ConcurrentQueue<string> Problems { get; } = new();

        public static async Task<TokenEndpoint> StartAsync(RSA key, string? refuse = null)
        {
            var endpoint = new TokenEndpoint(key, refuse);
            endpoint._server = await LoopbackServer.StartAsync((context, n) => endpoint.AnswerAsync(context, n));
            return endpoint;
        }

        public async ValueTask DisposeAsync()
        {
            await _server.DisposeAsync();
            _publicKey.Dispose();
        }

        private Task AnswerAsync(HttpContext context, int n)
        {
            var form = QueryHelpers.ParseQuery(LoopbackServer.Body(context));
            var parts = form["assertion"].ToString().Split('.');
            var problem = Check(context, form["grant_type"].ToString(), parts);
            if (problem is not null)
            {
                Problems.Enqueue(problem);
                return LoopbackServer.Json(context, $$"""{"error":"invalid_grant","error_description":"{{problem}}"}""", StatusCodes.Status400BadRequest);
            }

            var subject = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement.GetProperty("sub").GetString()!;
            if (subject == _refuse)
                return LoopbackServer.Json(context, """{"error":"unauthorized_client","error_description":"Client is unauthorized to retrieve access tokens using this method."}""", StatusCodes.Status401Unauthorized);
            Subjects.Enqueue(subject);
            return LoopbackServer.Json(context, $$"""{"access_token":"ya29.test-{{n}}","expires_in":3599,"token_type":"Bearer"}""");
        }

        private string? Check(HttpContext context, string grantType, string[] parts)
        {
            if (context.Request.Method != "POST" || context.Request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal) != true)
                return "not a form POST";
            if (grantType != "urn:ietf:params:oauth:grant-type:jwt-bearer" || parts.Length != 3)
                return "not a JWT bearer grant";
            if (!_publicKey.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
                return "bad signature";
            var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])).RootElement;
            var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement;
            var iat = claims.GetProperty("iat").GetInt64();
            var exp = claims.GetProperty("exp").GetInt64();
            return header.GetProperty("alg").GetString() != "RS256" || header.GetProperty("kid").GetString() != "3c1a5e0f9b7d" ? "bad header"
                : claims.GetProperty("iss").GetString() != ClientEmail ? "bad iss"
                : claims.GetProperty("aud").GetString() != TokenUri.AbsoluteUri ? "bad aud"
                : claims.GetProperty("scope").GetString() != GoogleServiceAccountTokens.Scope ? "bad scope"
                : exp <= iat || exp - iat > 3600 ? "bad lifetime"
                : claims.GetProperty("sub").GetString() is not { Length: > 0 } ? "no sub"
                : null;
        }
    }
}
