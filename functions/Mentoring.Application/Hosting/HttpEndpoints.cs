using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Mentoring.Application.Hosting;

/// <summary>One HTTP endpoint: the method and route both hosts serve, and the handler both call.</summary>
public sealed record HttpEndpoint(string Name, string Method, string Route, Func<HttpContext, Task<IResult>> Handle);

/// <summary>Every HTTP endpoint. The local host maps them all; the Functions app has one adapter per entry.</summary>
public static class HttpEndpoints
{
    public static HttpEndpoint Health { get; } = new(
        "Health",
        HttpMethods.Get,
        Routes.Health,
        context => context.RequestServices.GetRequiredService<HealthHandler>().GetAsync(context.RequestAborted));

    public static IReadOnlyList<HttpEndpoint> All { get; } =
        [Health, .. Admin.AdminEndpoints.Endpoints, .. Ingest.Webhooks.WebhookEndpoints.All, .. Links.LinkEndpoints.All];
}
