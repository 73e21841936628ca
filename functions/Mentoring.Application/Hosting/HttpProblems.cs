using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Mentoring.Application.Hosting;

/// <summary>
/// The one place HTTP failures become RFC 9457 problem details (application/problem+json), in both hosts. Storage being
/// unreachable is a 503 with Retry-After: callers that retry (every webhook provider does on 5xx) come back later, and
/// nothing was accepted that could be lost.
/// </summary>
public static class HttpProblems
{
    public static IResult ToResult(Exception exception) => exception switch
    {
        _ when StorageOutage.Is(exception) => Unavailable(),
        BadHttpRequestException e => Results.Problem(statusCode: e.StatusCode, title: "The request is not valid."),
        JsonException => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request body is not valid JSON."),
        OperationCanceledException => Results.Problem(statusCode: 499, title: "The request was cancelled."),
        _ => Results.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "An unexpected error occurred."),
    };

    public static Task WriteAsync(HttpContext context, Exception exception)
    {
        // Cancelled while the caller is still there: a storage deadline ran out (WebhookIngest), not the client leaving.
        var result = exception is OperationCanceledException && !context.RequestAborted.IsCancellationRequested ? Unavailable() : ToResult(exception);
        if (result is IStatusCodeHttpResult { StatusCode: StatusCodes.Status503ServiceUnavailable })
            context.Response.Headers.RetryAfter = StorageOutage.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return result.ExecuteAsync(context);
    }

    private static IResult Unavailable() =>
        Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Storage is unavailable; try again later.");
}
