namespace Mentoring.Application.Ingest.Webhooks;

/// <summary>
/// The webhook routes (under <c>/api</c>), shared by the Functions attributes and the local host. Cal.com, Calendly and
/// Zoom post to one route per program: what arrives there is matched only against that program's pairs. Graph and
/// Google notify about a connection, which has its program.
/// </summary>
public static class WebhookRoutes
{
    public const string CalCom = "webhooks/" + CalendarProviders.CalCom + "/{programId}";
    public const string Calendly = "webhooks/" + CalendarProviders.Calendly + "/{programId}";
    public const string Zoom = "webhooks/" + CalendarProviders.Zoom + "/{programId}";
    public const string Graph = "webhooks/" + CalendarProviders.Graph;
    public const string GraphLifecycle = "webhooks/" + CalendarProviders.Graph + "/lifecycle";
    public const string Google = "webhooks/" + CalendarProviders.Google;

    /// <summary>A per-program route (<see cref="CalCom"/>, <see cref="Calendly"/>, <see cref="Zoom"/>) for one program.</summary>
    public static string ForProgram(string route, string programId) =>
        route.Replace("{programId}", Uri.EscapeDataString(programId), StringComparison.Ordinal);
}
