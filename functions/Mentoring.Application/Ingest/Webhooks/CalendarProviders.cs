namespace Mentoring.Application.Ingest.Webhooks;

/// <summary>Route segments and ledger source names of the calendar providers.</summary>
public static class CalendarProviders
{
    public const string CalCom = "calcom";
    public const string Calendly = "calendly";
    public const string Zoom = "zoom";
    public const string Graph = "graph";
    public const string Google = "google";
}
