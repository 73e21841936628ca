using Mentoring.Application.Hosting;
using Microsoft.AspNetCore.Diagnostics;

namespace Mentoring.LocalHost.Http;

/// <summary>The shared route table on Kestrel, under the Functions route prefix; failures as problem details.</summary>
internal static class HttpSetup
{
    public const string Url = "http://127.0.0.1:7071";

    public static WebApplication UseHttpProblems(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = context => HttpProblems.WriteAsync(
                context, context.Features.Get<IExceptionHandlerFeature>()?.Error ?? new InvalidOperationException("Unknown failure.")),
        });
        app.UseStatusCodePages();
        return app;
    }

    public static WebApplication MapMentoringRoutes(this WebApplication app)
    {
        foreach (var endpoint in HttpEndpoints.All)
        {
            app.MapMethods($"/{Routes.Prefix}/{endpoint.Route}", [endpoint.Method], async context =>
                    await (await endpoint.Handle(context)).ExecuteAsync(context))
                .WithName(endpoint.Name);
        }

        return app;
    }
}
