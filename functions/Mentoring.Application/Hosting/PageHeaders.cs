using Microsoft.AspNetCore.Http;

namespace Mentoring.Application.Hosting;

/// <summary>
/// The headers every page and echoed body carries: no content sniffing, never framed (<c>frame-ancestors 'none'</c>),
/// no referrer (link pages carry signed tokens in their URL), and the page's own Content-Security-Policy.
/// </summary>
internal static class PageHeaders
{
    /// <summary>For a body that is never a document (an echoed token): nothing may load or run.</summary>
    public const string NothingPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static void Apply(HttpResponse response, string contentSecurityPolicy)
    {
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = contentSecurityPolicy;
        response.Headers.XFrameOptions = "DENY";
        response.Headers["Referrer-Policy"] = "no-referrer";
    }

    /// <summary>An <see cref="IResult"/> that sets the headers (and the page's language, when given), then writes <paramref name="inner"/>.</summary>
    public static IResult With(IResult inner, string contentSecurityPolicy, string? contentLanguage = null) => new Headed(inner, contentSecurityPolicy, contentLanguage);

    /// <summary>The result under the headers (what a handler test reads).</summary>
    public static IResult Inner(IResult result) => result is Headed headed ? headed.Inner : result;

    private sealed class Headed(IResult inner, string policy, string? language) : IResult, IStatusCodeHttpResult
    {
        public IResult Inner => inner;

        public int? StatusCode => (inner as IStatusCodeHttpResult)?.StatusCode;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            Apply(httpContext.Response, policy);
            if (language is not null)
                httpContext.Response.Headers.ContentLanguage = language;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
