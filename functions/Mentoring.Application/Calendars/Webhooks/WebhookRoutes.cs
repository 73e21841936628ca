namespace Mentoring.Application.Calendars.Webhooks;

/// <summary>The webhook routes (under <c>/api</c>), shared by the Functions attributes and the local host.</summary>
public static class WebhookRoutes
{
    public const string CalCom = "webhooks/" + CalendarProviders.CalCom;
    public const string Calendly = "webhooks/" + CalendarProviders.Calendly;
    public const string Zoom = "webhooks/" + CalendarProviders.Zoom;
    public const string Graph = "webhooks/" + CalendarProviders.Graph;
    public const string GraphLifecycle = "webhooks/" + CalendarProviders.Graph + "/lifecycle";
    public const string Google = "webhooks/" + CalendarProviders.Google;
}
