using Mentoring.Application.Auth;
using Mentoring.Application.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Mentoring.Application.Admin;

/// <summary>What a route needs of its caller.</summary>
public enum AdminAccess
{
    /// <summary>Any authenticated caller; program routes only for the caller's programs.</summary>
    Read,

    /// <summary>A read-write caller; program routes only for the caller's programs.</summary>
    Write,

    /// <summary>A read-write caller with every program (keys, poison queues, new programs).</summary>
    Operator,
}

/// <summary>An admin route: the endpoint both hosts serve, what it requires, and what the OpenAPI document says of it.</summary>
public sealed record AdminRoute(HttpEndpoint Endpoint, AdminAccess Access, string Summary, string? RequestBody = null, string? RequestContentType = null)
{
    public bool IsProgramScoped => Endpoint.Route.Contains("{programId}", StringComparison.Ordinal);
}

/// <summary>
/// Builds admin endpoints: every one authenticates (401), checks write access (403) and the caller's programs (404, as if
/// the program did not exist) before its handler runs; expected failures are <see cref="ApiProblem"/>s.
/// </summary>
internal static class AdminEndpoint
{
    /// <summary>A route served by <typeparamref name="THandler"/>, a handler class registered in DI (<see cref="AdminSetup"/>).</summary>
    public static AdminRoute Define<THandler>(
        string name, string method, string route, AdminAccess access, string summary, Func<THandler, AdminRequest, Task<IResult>> handle,
        string? requestBody = null, string? requestContentType = null)
        where THandler : notnull =>
        Define(name, method, route, access, summary, request => handle(request.Http.RequestServices.GetRequiredService<THandler>(), request), requestBody, requestContentType);

    public static AdminRoute Define(
        string name, string method, string route, AdminAccess access, string summary, Func<AdminRequest, Task<IResult>> handle,
        string? requestBody = null, string? requestContentType = null)
    {
        var scoped = route.Contains("{programId}", StringComparison.Ordinal);
        var endpoint = new HttpEndpoint(name, method, route, async http =>
        {
            var services = http.RequestServices;
            var caller = await services.GetRequiredService<Authenticator>().AuthenticateAsync(http.Request, http.RequestAborted);
            if (caller is null)
            {
                http.Response.Headers.WWWAuthenticate = "Bearer";
                return Results.Problem("Send X-Api-Key: <api key> (or Authorization: Bearer <api key>).", statusCode: StatusCodes.Status401Unauthorized, title: "Authentication required.");
            }

            if ((access != AdminAccess.Read && !caller.CanWrite) || (access == AdminAccess.Operator && !caller.AllPrograms))
                return Results.Problem("This credential cannot do this.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.");
            if (scoped && !caller.CanSee(http.Request.RouteValues["programId"]?.ToString() ?? ""))
                return ApiProblem.NotFound("program").ToResult();

            var request = new AdminRequest(http, caller, services.GetRequiredService<TimeProvider>().GetUtcNow());
            try
            {
                return await handle(request);
            }
            catch (ApiProblem problem)
            {
                return problem.ToResult();
            }
        });
        return new AdminRoute(endpoint, access, summary, requestBody, requestContentType);
    }
}
