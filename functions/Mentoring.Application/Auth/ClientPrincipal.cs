using System.Text;
using System.Text.Json;

namespace Mentoring.Application.Auth;

/// <summary>
/// App Service authentication's <c>X-MS-CLIENT-PRINCIPAL</c>: base64 of
/// <c>{"auth_typ":"aad","name_typ":"…","role_typ":"roles","claims":[{"typ":"roles","val":"Mentoring.Admin"},…]}</c>.
/// Roles: <c>Mentoring.Admin</c> (read-write) or <c>Mentoring.Reader</c> (read-only); programs: one claim
/// <c>mentoring_programs</c> per program id, or <c>*</c> for all.
/// </summary>
internal static class ClientPrincipal
{
    public const string Header = "X-MS-CLIENT-PRINCIPAL";
    public const string AdminRole = "Mentoring.Admin";
    public const string ReaderRole = "Mentoring.Reader";

    /// <summary>The caller the header describes; null when it is malformed or grants no role of ours.</summary>
    public static Caller? Read(string header, string programClaim)
    {
        Principal? principal;
        try
        {
            principal = JsonSerializer.Deserialize<Principal>(Encoding.UTF8.GetString(Convert.FromBase64String(header)));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }

        if (principal?.Claims is not { } claims)
            return null;
        var roleType = string.IsNullOrEmpty(principal.RoleType) ? "roles" : principal.RoleType;
        var roles = claims.Where(c => c.Type == roleType || c.Type == "roles").Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var canWrite = roles.Contains(AdminRole);
        if (!canWrite && !roles.Contains(ReaderRole))
            return null;
        var programs = claims.Where(c => c.Type == programClaim).SelectMany(c => c.Value.Split(' ', ',', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var id = claims.FirstOrDefault(c => c.Type is "http://schemas.microsoft.com/identity/claims/objectidentifier" or "oid")?.Value ?? "principal";
        return new Caller("aad:" + id, canWrite, programs.Contains("*") ? null : programs.ToHashSet(StringComparer.Ordinal));
    }

    private sealed record Principal(
        [property: System.Text.Json.Serialization.JsonPropertyName("role_typ")] string? RoleType,
        [property: System.Text.Json.Serialization.JsonPropertyName("claims")] IReadOnlyList<Claim>? Claims);

    private sealed record Claim(
        [property: System.Text.Json.Serialization.JsonPropertyName("typ")] string Type,
        [property: System.Text.Json.Serialization.JsonPropertyName("val")] string Value);
}
