using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mentoring.Application.Ingest.Connections;
using Mentoring.Application.Ingest.Normalising;
using Mentoring.Application.Roster;

namespace Mentoring.Application.Ingest.Google;

/// <summary>
/// Access tokens from a Workspace service account with domain-wide delegation (RFC 7523 JWT bearer grant): an RS256
/// assertion naming the calendar's owner as <c>sub</c> is exchanged at the key's <c>token_uri</c>; each owner's token is
/// cached until shortly before it expires. Neither the key nor a token is ever logged.
/// </summary>
internal sealed class GoogleServiceAccountTokens(
    ServiceAccountKey key, IHttpClientFactory http, ParticipantStore participants, TimeProvider time) : IGoogleAccessTokens
{
    public const string HttpClientName = "google-oauth";

    /// <summary>Reads events and opens and stops channels on them (events.watch, channels.stop).</summary>
    public const string Scope = "https://www.googleapis.com/auth/calendar.events.readonly";

    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset RefreshAt)> _cache = new(StringComparer.OrdinalIgnoreCase);

    public async ValueTask<string> GetAsync(CalendarConnection connection, CancellationToken ct)
    {
        var subject = await OwnerAsync(connection, ct);
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(subject, out var cached) && now < cached.RefreshAt)
            return cached.Token;

        using var request = new HttpRequestMessage(HttpMethod.Post, key.TokenUri)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["grant_type"] = "urn:ietf:params:oauth:grant-type:jwt-bearer",
                ["assertion"] = Assertion(subject, now),
            }),
        };
        using var response = await http.CreateClient(HttpClientName).SendAsync(request, ct);
        response.EnsureSuccessStatusCode(); // 401 unauthorized_client: delegation not granted for this scope
        using var answer = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        var token = answer.RootElement.Str("access_token") ?? throw new InvalidDataException("The token endpoint answered without an access_token.");
        var expiresIn = answer.RootElement.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var seconds) ? TimeSpan.FromSeconds(seconds) : Lifetime;
        _cache[subject] = (token, now + expiresIn - RefreshMargin);
        return token;
    }

    /// <summary>
    /// Whom the service account acts as (<c>sub</c>): always the participant whose connection it is, never the calendar id
    /// as given: domain-wide delegation can act as anyone in the domain, so the connection reads only what its participant
    /// can read (their primary calendar, or a secondary calendar shared with them).
    /// </summary>
    internal async Task<string> OwnerAsync(CalendarConnection connection, CancellationToken ct)
    {
        if (connection.ParticipantId is { } id && await participants.GetAsync(connection.ProgramId, id, ct) is { } participant)
            return participant.Email;
        throw new InvalidOperationException("A Google connection acts as its participant, and this one has none (or they were erased).");
    }

    internal string Assertion(string subject, DateTimeOffset now)
    {
        var header = new Dictionary<string, string>(StringComparer.Ordinal) { ["alg"] = "RS256", ["typ"] = "JWT" };
        if (key.PrivateKeyId is { } kid)
            header["kid"] = kid;
        var issuedAt = now.ToUnixTimeSeconds();
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["iss"] = key.ClientEmail,
            ["scope"] = Scope,
            ["aud"] = key.TokenUri.AbsoluteUri,
            ["sub"] = subject,
            ["iat"] = issuedAt,
            ["exp"] = issuedAt + (long)Lifetime.TotalSeconds,
        };
        var signingInput = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(header)) + "." + Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims));
        using var rsa = RSA.Create();
        rsa.ImportFromPem(key.PrivateKeyPem);
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }
}
