using System.Text.Json.Nodes;
using static Mentoring.Infra.Tests.ArmTemplate;

namespace Mentoring.Infra.Tests;

/// <summary>
/// What App Service authentication does with a request before the app sees it, read from an authsettingsV2 resource as
/// Microsoft documents it (https://learn.microsoft.com/azure/app-service/overview-authentication-authorization,
/// "Authorization behavior"): with the platform off every request passes; an excluded path passes untouched; a request
/// with a valid sign-in passes with X-MS-CLIENT-PRINCIPAL; one without passes only when authentication is not required
/// or the unauthenticated action is AllowAnonymous, else it is answered 401, 403 or 302 (sign-in page) by the platform.
/// The platform reads a sign-in from <c>Authorization</c> (and its session cookie), never from <c>X-Api-Key</c>.
/// </summary>
internal static class AppServiceAuthGate
{
    /// <summary>Null when the request reaches the app; otherwise the status the platform answers with.</summary>
    public static int? Decide(JsonObject authSettings, string path, bool signedIn)
    {
        if (At(authSettings, "properties.platform.enabled")?.ToString() != "true")
        {
            return null;
        }

        var excluded = At(authSettings, "properties.globalValidation.excludedPaths") as JsonArray ?? [];
        if (excluded.Select(p => p?.ToString() ?? "").Any(p => Matches(p, path)) || signedIn)
        {
            return null;
        }

        var required = At(authSettings, "properties.globalValidation.requireAuthentication")?.ToString() == "true";
        var action = At(authSettings, "properties.globalValidation.unauthenticatedClientAction")?.ToString() ?? "RedirectToLoginPage";
        if (!required && action == "AllowAnonymous")
        {
            return null;
        }

        return action switch
        {
            "Return401" => 401,
            "Return403" => 403,
            // AllowAnonymous with requireAuthentication true is refused as well: the requirement wins.
            "AllowAnonymous" => 401,
            _ => 302,
        };
    }

    private static bool Matches(string pattern, string path) =>
        pattern.EndsWith("/*", StringComparison.Ordinal)
            ? path.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(pattern, path, StringComparison.OrdinalIgnoreCase);
}
