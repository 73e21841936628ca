using System.Net.Mime;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Mentoring.Application.Hosting;

/// <summary>Request bodies read with a cap (never more than asked, whatever Content-Length says), and small HTML pages.</summary>
internal static class HttpBodies
{
    /// <summary>The raw body, or null when it is longer than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
            return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>An x-www-form-urlencoded body as fields; empty for any other content type.</summary>
    public static Dictionary<string, StringValues> Form(HttpRequest request, byte[] body) =>
        request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true
            ? QueryHelpers.ParseQuery(System.Text.Encoding.UTF8.GetString(body))
            : [];

    /// <summary>The last path segment (the token of <c>…/{token}</c>), read the same way in both hosts.</summary>
    public static string LastSegment(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        return Uri.UnescapeDataString(path[(path.TrimEnd('/').LastIndexOf('/') + 1)..].TrimEnd('/'));
    }

    public static bool WantsHtml(HttpRequest request) =>
        request.Headers.Accept.Any(a => a?.Contains(MediaTypeNames.Text.Html, StringComparison.OrdinalIgnoreCase) == true);

    public static IResult TooLarge() =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request body is too large.");
}
