using System.Buffers.Text;
using System.Text;

namespace Mentoring.Application.Admin;

/// <summary>
/// The continuation token of the routes that page through a program's rows (health, at-risk, outbox): the table keys of
/// the last row a page read, bound to the route and the program, as base64url. Not signed: it only says where to resume
/// inside the caller's own program, and every query stays within that program's keys whatever the token says; so it is
/// checked instead — a token that does not decode, names another route or program, or holds anything but table keys is
/// 400, never a query.
/// </summary>
internal static class PageToken
{
    private const string Version = "v1";
    private const int MaxTokenLength = 2048;
    private const int MaxKeyLength = 600;

    public static string Create(string route, string programId, params string[] keys) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join('\n', [Version, route, programId, .. keys])));

    /// <summary>The keys a token of this route and program holds; null when there is no token.</summary>
    public static string[]? Read(string? token, string route, string programId, int keyCount)
    {
        if (token is null)
            return null;
        string[] parts;
        try
        {
            if (token.Length > MaxTokenLength)
                throw Refused();
            parts = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(token)).Split('\n');
        }
        catch (FormatException)
        {
            throw Refused();
        }
        catch (ArgumentException)
        {
            throw Refused();
        }

        if (parts.Length != 3 + keyCount || parts[0] != Version || parts[1] != route || parts[2] != programId || !parts[3..].All(IsKey))
            throw Refused();
        return parts[3..];
    }

    private static bool IsKey(string key) =>
        key.Length is > 0 and <= MaxKeyLength && key.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' or '.' or '!' or '~');

    private static ApiProblem Refused() => ApiProblem.Invalid(
        "continuationToken is not one this route gave for this program: pass back the continuationToken of the previous page unchanged.",
        new Dictionary<string, string[]> { ["continuationToken"] = ["Not a token of this route and program."] });
}
