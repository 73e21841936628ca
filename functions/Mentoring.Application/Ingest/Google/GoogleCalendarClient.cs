using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Mentoring.Application.Ingest.Normalising;

namespace Mentoring.Application.Ingest.Google;

/// <summary>
/// A small Google Calendar client for incremental sync: <c>events.list</c> with <c>syncToken</c>, following
/// <c>nextPageToken</c> to <c>nextSyncToken</c>. <c>410 Gone</c> (token invalidated) restarts as a full sync;
/// 429 and 403 rate limits are retried after <c>Retry-After</c> (a few times). Other failures throw: the queue retries.
/// </summary>
/// <param name="http">An HttpClient whose BaseAddress is the API root, e.g. <c>https://www.googleapis.com/calendar/v3/</c>.</param>
/// <param name="accessToken">Gets an OAuth access token for the calendar's owner.</param>
public sealed class GoogleCalendarClient(HttpClient http, Func<CancellationToken, ValueTask<string>> accessToken)
{
    private const int MaxAttempts = 4;
    private const int MaxPages = 1000;
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    public async Task<GoogleSync> SyncAsync(string calendarId, string? syncToken, CancellationToken cancellationToken)
    {
        var fullResync = false;
        if (syncToken is not null)
        {
            var incremental = await ListAsync(calendarId, syncToken, cancellationToken);
            if (incremental is not null)
                return incremental;
            fullResync = true; // 410 Gone: the token is no longer valid
        }

        var full = await ListAsync(calendarId, null, cancellationToken)
            ?? throw new HttpRequestException("events.list answered 410 Gone to a full sync", null, HttpStatusCode.Gone);
        return full with { FullResync = fullResync || syncToken is null };
    }

    /// <summary>All pages of one sync, or null on 410 Gone.</summary>
    private async Task<GoogleSync?> ListAsync(string calendarId, string? syncToken, CancellationToken cancellationToken)
    {
        var items = new List<JsonElement>();
        string? pageToken = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var query = new List<string> { "singleEvents=true", "maxResults=250" };
            if (syncToken is not null)
                query.Add($"syncToken={Uri.EscapeDataString(syncToken)}");
            if (pageToken is not null)
                query.Add($"pageToken={Uri.EscapeDataString(pageToken)}");
            var uri = $"calendars/{Uri.EscapeDataString(calendarId)}/events?{string.Join('&', query)}";

            using var response = await SendAsync(uri, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Gone)
                return null;
            response.EnsureSuccessStatusCode();

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
            var root = document.RootElement;
            items.AddRange(root.Arr("items").Select(item => item.Clone()));
            pageToken = root.Str("nextPageToken");
            if (pageToken is null)
            {
                return root.Str("nextSyncToken") is { } next
                    ? new GoogleSync(items, next, FullResync: false)
                    : throw new InvalidDataException("events.list ended without a nextSyncToken");
            }
        }

        throw new InvalidDataException($"events.list returned more than {MaxPages} pages");
    }

    private async Task<HttpResponseMessage> SendAsync(string uri, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await accessToken(cancellationToken));
            var response = await http.SendAsync(request, cancellationToken);
            var limited = response.StatusCode is HttpStatusCode.TooManyRequests
                || (response.StatusCode == HttpStatusCode.Forbidden && response.Headers.RetryAfter is not null);
            if (!limited || attempt == MaxAttempts)
                return response;

            var delay = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(attempt);
            response.Dispose();
            await Task.Delay(delay < MaxRetryDelay ? delay : MaxRetryDelay, cancellationToken);
        }
    }
}

/// <summary>The events changed since the last sync (or all, after a full resync) and the token for the next one.</summary>
public sealed record GoogleSync(IReadOnlyList<JsonElement> Events, string NextSyncToken, bool FullResync);
