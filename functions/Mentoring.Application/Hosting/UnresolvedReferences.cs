using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Mentoring.Application.Hosting;

/// <summary>
/// The settings whose value is still an App Service reference (<c>@Microsoft.KeyVault(…)</c>,
/// <c>@Microsoft.AppConfiguration(…)</c>). When App Service cannot resolve a reference — the secret is missing, the
/// identity lacks access — it passes the reference text itself, which would then pass as the secret (it is longer than
/// every minimum length). Validated at start-up, so such a host does not start.
/// </summary>
internal sealed class UnresolvedReferences
{
    private static readonly string[] Prefixes = ["@Microsoft.KeyVault(", "@Microsoft.AppConfiguration("];

    public List<string> Settings { get; } = [];

    public static bool IsReference(string? value) =>
        value is not null && Prefixes.Any(p => value.TrimStart().StartsWith(p, StringComparison.OrdinalIgnoreCase));

    public void Read(IConfiguration configuration) =>
        Settings.AddRange(configuration.AsEnumerable().Where(s => IsReference(s.Value)).Select(s => s.Key).Order(StringComparer.Ordinal));
}

internal sealed class UnresolvedReferencesValidation : IValidateOptions<UnresolvedReferences>
{
    public ValidateOptionsResult Validate(string? name, UnresolvedReferences options) =>
        options.Settings.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(options.Settings.Select(s =>
                $"{s} (app setting {s.Replace(":", "__", StringComparison.Ordinal)}) is an unresolved Key Vault or App Configuration reference: "
                + "the platform passed the reference text instead of the secret. Check that the secret exists and that the app's identity may read it."));
}
