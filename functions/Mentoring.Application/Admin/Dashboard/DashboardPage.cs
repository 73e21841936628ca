using Microsoft.AspNetCore.Http;

namespace Mentoring.Application.Admin.Dashboard;

/// <summary>
/// <c>GET /api/dashboard</c>: one static page (no build step) that holds no data. It asks for an API key (or reads it
/// from the URL fragment, which browsers never send to a server), then reads the API with <c>fetch</c>.
/// </summary>
internal static class DashboardPage
{
    private static readonly Lazy<string> Html = new(() =>
    {
        using var stream = typeof(DashboardPage).Assembly.GetManifestResourceStream("Mentoring.Admin.Dashboard.html")
            ?? throw new InvalidOperationException("The dashboard page is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static Task<IResult> ServeAsync(HttpContext context)
    {
        context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'";
        context.Response.Headers.CacheControl = "no-store";
        return Task.FromResult(Results.Content(Html.Value, "text/html; charset=utf-8"));
    }
}
