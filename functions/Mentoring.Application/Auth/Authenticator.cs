using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mentoring.Application.Auth;

/// <summary>
/// Finds the caller of an admin request. An API key — the bootstrap key, or a stored key that is not revoked — in
/// <c>X-Api-Key</c> (what the platform never reads, so it reaches us in Azure), else — only where configured — App
/// Service authentication's client principal, else a key in <c>Authorization: Bearer</c>. The principal comes before the
/// bearer because behind App Service authentication the bearer of a signed-in admin is their Entra token, which the
/// platform validated and turned into the principal; it is not an API key. Null: 401.
/// </summary>
internal sealed partial class Authenticator(ApiKeyStore keys, IOptions<AuthOptions> options, ILogger<Authenticator> logger)
{
    public const string BootstrapKeyId = "bootstrap";

    /// <summary>The header an API key travels in, past App Service authentication.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    public async Task<Caller?> AuthenticateAsync(HttpRequest request, CancellationToken ct)
    {
        var o = options.Value;
        if (request.Headers[ApiKeyHeader].ToString().Trim() is { Length: > 0 } apiKey)
            return await CallerOfKeyAsync(apiKey, o, ct);
        if (o.TrustClientPrincipal && request.Headers[ClientPrincipal.Header].ToString() is { Length: > 0 } principal)
            return ClientPrincipal.Read(principal, o.ProgramClaim);
        return BearerOf(request) is { } key ? await CallerOfKeyAsync(key, o, ct) : null;
    }

    private async Task<Caller?> CallerOfKeyAsync(string key, AuthOptions o, CancellationToken ct)
    {
        if (o.BootstrapKey is { Length: > 0 } bootstrap && FixedTimeEquals(key, bootstrap))
            return new Caller(BootstrapKeyId, CanWrite: true, Programs: null);
        if (await keys.FindByKeyAsync(key, ct) is { RevokedAt: null } found)
            return new Caller(found.KeyId, !found.ReadOnly, found.Programs?.ToHashSet(StringComparer.Ordinal));
        LogRejectedKey();
        return null;
    }

    private static string? BearerOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header[7..].Trim() is { Length: > 0 } key ? key : null;
    }

    private static bool FixedTimeEquals(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    [LoggerMessage(7001, LogLevel.Information, "An admin request presented an unknown or revoked API key")]
    private partial void LogRejectedKey();
}
