using Mentoring.Application.Ingest.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Mentoring.Functions.Ingest;

/// <summary>The calendar webhooks: one adapter per route, each calling the shared endpoint.</summary>
internal static class WebhookFunctions
{
    [Function("WebhookCalCom")]
    public static Task<IResult> CalCom([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = WebhookRoutes.CalCom)] HttpRequest request) =>
        WebhookEndpoints.CalCom.Handle(request.HttpContext);

    [Function("WebhookCalendly")]
    public static Task<IResult> Calendly([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = WebhookRoutes.Calendly)] HttpRequest request) =>
        WebhookEndpoints.Calendly.Handle(request.HttpContext);

    [Function("WebhookZoom")]
    public static Task<IResult> Zoom([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = WebhookRoutes.Zoom)] HttpRequest request) =>
        WebhookEndpoints.Zoom.Handle(request.HttpContext);

    [Function("WebhookGraph")]
    public static Task<IResult> Graph([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = WebhookRoutes.Graph)] HttpRequest request) =>
        WebhookEndpoints.Graph.Handle(request.HttpContext);

    [Function("WebhookGraphLifecycle")]
    public static Task<IResult> GraphLifecycle([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = WebhookRoutes.GraphLifecycle)] HttpRequest request) =>
        WebhookEndpoints.GraphLifecycle.Handle(request.HttpContext);

    [Function("WebhookGoogle")]
    public static Task<IResult> Google([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = WebhookRoutes.Google)] HttpRequest request) =>
        WebhookEndpoints.Google.Handle(request.HttpContext);
}
