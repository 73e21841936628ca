using Microsoft.Extensions.Logging;

namespace Mentoring.Application.Hosting;

/// <summary>
/// Keeps request paths out of the logs of both hosts: a check-in or unsubscribe link's path is its signed token, which
/// acts for the person it was sent to. ASP.NET Core's hosting diagnostics write the full path ("Request starting …") and
/// put it in a scope (<c>RequestPath</c>) that Application Insights and console scopes copy onto every line of the
/// request; routing writes it at Debug. Registered after the configuration's rules, these win over them, so a verbose
/// <c>Logging:LogLevel</c> setting cannot bring the paths back. Requests stay traceable by their trace id.
/// </summary>
internal static class RequestLogRedaction
{
    public static ILoggingBuilder AddRequestPathRedaction(this ILoggingBuilder logging) => logging
        .AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None)
        .AddFilter("Microsoft.AspNetCore.Routing.Matching", LogLevel.Information);
}
