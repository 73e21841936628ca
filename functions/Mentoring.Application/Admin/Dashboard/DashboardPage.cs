using System.Security.Cryptography;
using System.Text;
using Mentoring.Application.Hosting;
using Microsoft.AspNetCore.Http;

namespace Mentoring.Application.Admin.Dashboard;

/// <summary>
/// <c>GET /api/dashboard</c>: one static page (no build step) that holds no data. It asks for an API key (pasted into
/// its field; never read from the URL, which browsers keep in their history), then reads the API with <c>fetch</c>.
/// </summary>
internal static class DashboardPage
{
    private static readonly Lazy<(string Html, string Policy)> Page = new(() =>
    {
        using var stream = typeof(DashboardPage).Assembly.GetManifestResourceStream("Mentoring.Admin.Dashboard.html")
            ?? throw new InvalidOperationException("The dashboard page is not embedded.");
        using var reader = new StreamReader(stream);
        var html = reader.ReadToEnd();
        return (html, PolicyFor(html));
    });

    /// <summary>The page's Content-Security-Policy: only its own script, by hash (no other inline or injected script runs).</summary>
    internal static string Policy => Page.Value.Policy;

    public static Task<IResult> ServeAsync(HttpContext context)
    {
        PageHeaders.Apply(context.Response, Page.Value.Policy);
        context.Response.Headers.CacheControl = "no-store";
        return Task.FromResult(Results.Content(Page.Value.Html, "text/html; charset=utf-8"));
    }

    private static string PolicyFor(string html)
    {
        const string open = "<script>", close = "</script>";
        var start = html.IndexOf(open, StringComparison.Ordinal) + open.Length;
        var end = html.IndexOf(close, start, StringComparison.Ordinal);
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(html[start..end])));
        return $"default-src 'none'; script-src 'sha256-{hash}'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }
}
