using Mentoring.Application.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Hosting;

namespace Mentoring.Functions.Hosting;

/// <summary>HTTP functions' failures become problem details through <see cref="HttpProblems"/>, as in the local host.</summary>
internal sealed class HttpProblemsMiddleware : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (context.GetHttpContext() is { } http && !http.Response.HasStarted)
        {
            await HttpProblems.WriteAsync(http, e);
        }
    }
}

internal static class HttpProblemsSetup
{
    public static FunctionsApplicationBuilder UseHttpProblems(this FunctionsApplicationBuilder builder)
    {
        builder.UseMiddleware<HttpProblemsMiddleware>();
        return builder;
    }
}
