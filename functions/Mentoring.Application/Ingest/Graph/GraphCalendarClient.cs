using Azure.Core;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions.Authentication;

namespace Mentoring.Application.Ingest.Graph;

/// <summary>
/// Reads events through the <c>Microsoft.Graph</c> SDK: one event by id (with <c>cancelledOccurrences</c> selected, so a
/// series master shows its deleted occurrences) and <c>calendarView/delta</c> pages up to the <c>@odata.deltaLink</c>.
/// The SDK's handler chain retries 429/503 honouring <c>Retry-After</c>.
/// </summary>
public sealed class GraphCalendarClient(GraphServiceClient graph)
{
    private static readonly string[] EventFields =
    [
        "id", "subject", "type", "start", "end", "originalStart", "isCancelled", "seriesMasterId", "organizer", "attendees",
        "lastModifiedDateTime", "iCalUId", "cancelledOccurrences",
    ];

    /// <summary>For Azure: app-only token from the managed identity (or any credential).</summary>
    public static GraphCalendarClient Create(TokenCredential credential) =>
        new(new GraphServiceClient(credential, ["https://graph.microsoft.com/.default"]));

    /// <summary>Against another base URL (a loopback server in tests) with the SDK's default handlers (retry, redirect).</summary>
    public static GraphCalendarClient Create(Uri baseUrl, IAuthenticationProvider authentication, HttpMessageHandler? finalHandler = null)
    {
        var http = GraphClientFactory.Create(finalHandler: finalHandler);
        return new(new GraphServiceClient(http, authentication, baseUrl.ToString().TrimEnd('/')));
    }

    /// <summary>The event, or null when it no longer exists (404: deleted since the notification).</summary>
    public async Task<Event?> GetEventAsync(string userId, string eventId, CancellationToken cancellationToken)
    {
        try
        {
            return await graph.Users[userId].Events[eventId]
                .GetAsync(request => request.QueryParameters.Select = EventFields, cancellationToken);
        }
        catch (ODataError error) when (error.ResponseStatusCode == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Runs <c>calendarView/delta</c> for the window (first sync) or from a saved delta link (later syncs), following
    /// every <c>@odata.nextLink</c>; returns the changed events, the ids removed, and the delta link to keep.
    /// </summary>
    public async Task<GraphDelta> DeltaAsync(string userId, DateTimeOffset from, DateTimeOffset to, string? deltaLink, CancellationToken cancellationToken)
    {
        var delta = graph.Users[userId].CalendarView.Delta;
        var page = deltaLink is null
            ? await delta.GetAsDeltaGetResponseAsync(
                request =>
                {
                    request.QueryParameters.StartDateTime = from.UtcDateTime.ToString("o", System.Globalization.CultureInfo.InvariantCulture);
                    request.QueryParameters.EndDateTime = to.UtcDateTime.ToString("o", System.Globalization.CultureInfo.InvariantCulture);
                },
                cancellationToken)
            : await delta.WithUrl(deltaLink).GetAsDeltaGetResponseAsync(cancellationToken: cancellationToken);

        var events = new List<Event>();
        var removed = new List<string>();
        for (var pages = 0; page is not null; pages++)
        {
            foreach (var item in page.Value ?? [])
            {
                if (item.AdditionalData.ContainsKey("@removed"))
                {
                    if (item.Id is { } id)
                        removed.Add(id);
                }
                else
                {
                    events.Add(item);
                }
            }

            if (page.OdataDeltaLink is { } next)
                return new GraphDelta(events, removed, next);
            if (page.OdataNextLink is not { } nextLink || pages > 1000)
                throw new InvalidOperationException("calendarView/delta ended without a deltaLink");
            page = await delta.WithUrl(nextLink).GetAsDeltaGetResponseAsync(cancellationToken: cancellationToken);
        }

        throw new InvalidOperationException("calendarView/delta returned no page");
    }
}

/// <summary>One delta round: changed events, removed event ids, and the link for the next round.</summary>
public sealed record GraphDelta(IReadOnlyList<Event> Events, IReadOnlyList<string> RemovedIds, string DeltaLink);
