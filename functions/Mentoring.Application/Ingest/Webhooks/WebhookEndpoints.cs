using Mentoring.Application.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Mentoring.Application.Ingest.Webhooks;

/// <summary>The calendar webhook routes: one <see cref="HttpEndpoint"/> per provider, all served by <see cref="WebhookIngest"/>.</summary>
public static class WebhookEndpoints
{
    public static HttpEndpoint CalCom { get; } = Post("WebhookCalCom", WebhookRoutes.CalCom, CalendarProviders.CalCom);

    public static HttpEndpoint Calendly { get; } = Post("WebhookCalendly", WebhookRoutes.Calendly, CalendarProviders.Calendly);

    public static HttpEndpoint Zoom { get; } = Post("WebhookZoom", WebhookRoutes.Zoom, CalendarProviders.Zoom);

    public static HttpEndpoint Graph { get; } = Post("WebhookGraph", WebhookRoutes.Graph, CalendarProviders.Graph);

    public static HttpEndpoint GraphLifecycle { get; } = Post("WebhookGraphLifecycle", WebhookRoutes.GraphLifecycle, CalendarProviders.Graph);

    public static HttpEndpoint Google { get; } = Post("WebhookGoogle", WebhookRoutes.Google, CalendarProviders.Google);

    public static IReadOnlyList<HttpEndpoint> All { get; } = [CalCom, Calendly, Zoom, Graph, GraphLifecycle, Google];

    private static HttpEndpoint Post(string name, string route, string provider) =>
        new(name, HttpMethods.Post, route, context => context.RequestServices.GetRequiredService<WebhookIngest>().HandleAsync(context, provider));
}
