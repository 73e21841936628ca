using Mentoring.Application.Outbound;

namespace Mentoring.Application.Admin;

/// <summary>The admin side of <see cref="PublicTargets"/>: a URL an admin gives us is refused with a 400 naming the field.</summary>
internal sealed class UserTargets(TargetRule rule)
{
    public static string Refused(string what) =>
        $"{what} reaches a loopback, private, link-local, multicast or unspecified address; only public addresses are fetched.";

    public async Task RequirePublicAsync(Uri url, string field, string what, CancellationToken ct)
    {
        if (await PublicTargets.CheckAsync(url, rule, ct) is not null)
            throw Problem(field, what);
    }

    public static ApiProblem Problem(string field, string what) =>
        ApiProblem.Invalid("Some fields are not valid: " + field + ".", new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [Refused(what)] });
}
