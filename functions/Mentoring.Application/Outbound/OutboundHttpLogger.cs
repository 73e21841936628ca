using System.Diagnostics;
using Microsoft.Extensions.Http.Logging;
using Microsoft.Extensions.Logging;

namespace Mentoring.Application.Outbound;

/// <summary>
/// The one log line of every outbound HTTP request made through <c>IHttpClientFactory</c>, in place of the factory's own
/// (which writes the full URI): method, scheme, host and port, status and duration — never the path or the query. A private
/// ICS feed's path is its secret (Google's <c>…/private-…/basic.ics</c>, Outlook's published calendars), and so is a
/// webhook subscriber's (Slack-style <c>/services/…</c> URLs).
/// </summary>
internal sealed partial class OutboundHttpLogger(ILogger<OutboundHttpLogger> logger) : IHttpClientLogger
{
    public object? LogRequestStart(HttpRequestMessage request) => Stopwatch.GetTimestamp();

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed) =>
        LogCompleted(request.Method.Method, Origin(request.RequestUri), (int)response.StatusCode, elapsed.TotalMilliseconds);

    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed) =>
        LogFailed(request.Method.Method, Origin(request.RequestUri), exception.GetType().Name, elapsed.TotalMilliseconds);

    /// <summary>Scheme, host and port only: what a log reader needs to tell which service answered.</summary>
    internal static string Origin(Uri? uri) =>
        uri is { IsAbsoluteUri: true } ? uri.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped) : "(relative)";

    [LoggerMessage(8001, LogLevel.Information, "HTTP {Method} {Origin} answered {StatusCode} in {ElapsedMs:0} ms (path and query not logged)")]
    private partial void LogCompleted(string method, string origin, int statusCode, double elapsedMs);

    [LoggerMessage(8002, LogLevel.Warning, "HTTP {Method} {Origin} failed ({Error}) after {ElapsedMs:0} ms (path and query not logged)")]
    private partial void LogFailed(string method, string origin, string error, double elapsedMs);
}
