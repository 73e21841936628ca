using Mentoring.Application.Outbound;

namespace Mentoring.Application.Admin;

/// <summary>The admin side of <see cref="PublicTargets"/>: a URL an admin gives us is refused with a 400 naming the field.</summary>
internal static class UserTargets
{
    public static string Refused(string what) =>
        $"{what} reaches a loopback, private, link-local, multicast or unspecified address; only public addresses are fetched.";

    public static async Task RequirePublicAsync(AdminRequest request, Uri url, string field, string what)
    {
        if (await PublicTargets.CheckAsync(url, request.Get<TargetRule>(), request.Aborted) is not null)
            throw Problem(field, what);
    }

    public static ApiProblem Problem(string field, string what) =>
        ApiProblem.Invalid("Some fields are not valid: " + field + ".", new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [Refused(what)] });
}
