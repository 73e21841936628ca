using Microsoft.AspNetCore.Http;

namespace Mentoring.Application.Admin;

/// <summary>An expected failure of an admin request; <see cref="Hosting.HttpProblems"/> writes it as problem+json.</summary>
internal sealed class ApiProblem(int status, string title, string? detail = null, IDictionary<string, string[]>? errors = null)
    : Exception(title)
{
    public int Status { get; } = status;

    public string Title { get; } = title;

    public string? Detail { get; } = detail;

    public IDictionary<string, string[]>? Errors { get; } = errors;

    public static ApiProblem NotFound(string what) => new(StatusCodes.Status404NotFound, "Not found.", $"There is no {what} you can see.");

    public static ApiProblem Invalid(string detail, IDictionary<string, string[]>? errors = null) =>
        new(StatusCodes.Status400BadRequest, "The request is not valid.", detail, errors);

    public static ApiProblem Conflict(string detail) => new(StatusCodes.Status409Conflict, "Conflict.", detail);

    public IResult ToResult() => Errors is { Count: > 0 }
        ? Results.ValidationProblem(Errors, Detail, statusCode: Status, title: Title)
        : Results.Problem(Detail, statusCode: Status, title: Title);
}
