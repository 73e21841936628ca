using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Mentoring.Application.Hosting;

/// <summary>The one place HTTP failures become RFC 9457 problem details (application/problem+json), in both hosts.</summary>
public static class HttpProblems
{
    public static IResult ToResult(Exception exception) => exception switch
    {
        BadHttpRequestException e => Results.Problem(statusCode: e.StatusCode, title: "The request is not valid."),
        JsonException => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request body is not valid JSON."),
        OperationCanceledException => Results.Problem(statusCode: 499, title: "The request was cancelled."),
        _ => Results.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "An unexpected error occurred."),
    };

    public static Task WriteAsync(HttpContext context, Exception exception) => ToResult(exception).ExecuteAsync(context);
}
