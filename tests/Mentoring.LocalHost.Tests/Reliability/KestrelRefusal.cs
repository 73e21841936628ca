namespace Mentoring.Tests.Reliability;

/// <summary>
/// Kestrel itself answers a request whose path decodes to a NUL with a bare 400 (no body) before any middleware runs:
/// not ours to shape, and the same in front of the Functions host. Everything else that is refused is ours.
/// </summary>
internal static class KestrelRefusal
{
    public static bool Is(string path, int status, string? contentType, string body) =>
        status == 400 && contentType is null && body.Length == 0 && path.Contains("%00", StringComparison.Ordinal);
}
