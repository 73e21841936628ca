namespace Mentoring.Application.Auth;

/// <summary>
/// Section <c>Auth</c>. <see cref="BootstrapKey"/>: an API key with read-write access to every program, from
/// configuration (Key Vault in Azure), to create the others. <see cref="TrustClientPrincipal"/>: read App Service
/// authentication's <c>X-MS-CLIENT-PRINCIPAL</c> header; only where the platform sets it (Azure), never locally, where
/// anyone could send it.
/// </summary>
internal sealed class AuthOptions
{
    public const string Section = "Auth";

    public const int MinimumKeyLength = 32;

    public string? BootstrapKey { get; set; }

    public bool TrustClientPrincipal { get; set; }

    /// <summary>The claim that lists the programs a principal may see (one claim per program, or "*").</summary>
    public string ProgramClaim { get; set; } = "mentoring_programs";

    internal bool IsValid => (string.IsNullOrEmpty(BootstrapKey) || BootstrapKey.Length >= MinimumKeyLength) && !string.IsNullOrWhiteSpace(ProgramClaim);
}
