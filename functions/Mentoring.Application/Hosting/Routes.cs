namespace Mentoring.Application.Hosting;

/// <summary>
/// The HTTP route table, shared by both hosts: the Functions attributes use these constants, and the local host maps
/// <see cref="HttpEndpoints.All"/> under <see cref="Prefix"/> (the Functions default route prefix).
/// </summary>
public static class Routes
{
    public const string Prefix = "api";

    public const string Health = "health";

    /// <summary>Signed check-in links: GET shows the confirmation page, POST records it.</summary>
    public const string CheckInPrefix = "checkin";

    public const string CheckIn = CheckInPrefix + "/{token}";

    /// <summary>Signed booking links: GET proposes times and shows the pair's booked meeting; POST books, moves or cancels it.</summary>
    public const string BookPrefix = "book";

    public const string Book = BookPrefix + "/{token}";

    /// <summary>Signed unsubscribe links: GET shows a page whose button POSTs; POST (RFC 8058 one-click) unsubscribes.</summary>
    public const string UnsubscribePrefix = "unsubscribe";

    public const string Unsubscribe = UnsubscribePrefix + "/{token}";

    /// <summary>SendGrid's Event Webhook (ECDSA-signed).</summary>
    public const string SendGridEvents = "webhooks/sendgrid";
}
