using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Mentoring.Application.Ingest.Google;
using Mentoring.Application.Ingest.Normalising;
using Mentoring.Application.Ingest.Webhooks;
using Microsoft.Extensions.Options;

namespace Mentoring.Application.Ingest.Connections;

/// <summary>
/// A Google connection's work: <c>events.list</c> from the saved sync token (410 → full resync) with the next token kept,
/// and channel renewal: watch with a new channel id, then stop the old one.
/// </summary>
internal sealed class GoogleConnections(
    IHttpClientFactory http,
    IGoogleAccessTokens tokens,
    ConnectionStore connections,
    LedgerIngest ingest,
    IOptions<CalendarClientOptions> options,
    IOptions<WebhookOptions> webhooks,
    TimeProvider time)
{
    public const string HttpClientName = "google-calendar";

    public async Task SyncAsync(string runId, CalendarConnection connection, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var client = new GoogleCalendarClient(http.CreateClient(HttpClientName), c => tokens.GetAsync(connection, c));
        var sync = await client.SyncAsync(connection.Resource, connection.Cursor, ct);
        foreach (var item in sync.Events)
        {
            var id = item.Str("id") ?? "event";
            await ingest.IngestAsync($"{runId}/{id}", CalendarProviders.Google, connection.ProgramId, aliases => GoogleEventNormaliser.Normalise(item, now, aliases), ct);
        }

        await connections.UpdateAsync(connection.Provider, connection.ConnectionId, c => c with { Cursor = sync.NextSyncToken }, ct);
    }

    /// <summary>Opens a new channel (new id) on the calendar, records it, and stops the old one.</summary>
    public async Task RenewAsync(CalendarConnection connection, CancellationToken ct)
    {
        var o = options.Value.Google;
        var expires = time.GetUtcNow() + o.ChannelLifetime;
        var client = http.CreateClient(HttpClientName);
        var channelId = Guid.NewGuid().ToString("n");
        using var watch = new HttpRequestMessage(HttpMethod.Post, $"calendars/{Uri.EscapeDataString(connection.Resource)}/events/watch")
        {
            Content = JsonContent.Create(new
            {
                id = channelId,
                type = "web_hook",
                address = (o.WebhookUrl ?? throw new InvalidOperationException("Calendars:Google:WebhookUrl is not set.")).AbsoluteUri,
                token = webhooks.Value.Google.Usable.First(),
                expiration = expires.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            }),
        };
        watch.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAsync(connection, ct));
        using var answer = await client.SendAsync(watch, ct);
        answer.EnsureSuccessStatusCode();
        using var channel = await JsonDocument.ParseAsync(await answer.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        var resourceId = channel.RootElement.Str("resourceId");
        var expiresAt = long.TryParse(channel.RootElement.Str("expiration"), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : expires;

        await connections.SaveAsync(connection with { SubscriptionId = channelId, ResourceId = resourceId, ExpiresAt = expiresAt }, ct);
        await StopAsync(connection, ct);
    }

    /// <summary>
    /// Stops the connection's channel (channels.stop) and forgets its id. Best effort: the answer is not checked (404: it
    /// had expired already; anything else: it expires by itself, and its notifications no longer find a connection).
    /// </summary>
    public async Task StopAsync(CalendarConnection connection, CancellationToken ct)
    {
        if (connection is not { SubscriptionId: { } channelId, ResourceId: { } resourceId })
            return;
        using var stop = new HttpRequestMessage(HttpMethod.Post, "channels/stop") { Content = JsonContent.Create(new { id = channelId, resourceId }) };
        stop.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAsync(connection, ct));
        using var stopped = await http.CreateClient(HttpClientName).SendAsync(stop, ct);
        await connections.ForgetSubscriptionAsync(connection.Provider, channelId, ct);
    }
}

/// <summary>The configured fixed token (<c>Calendars:Google:AccessToken</c>): local runs and tests.</summary>
internal sealed class ConfiguredGoogleAccessTokens(IOptions<CalendarClientOptions> options) : IGoogleAccessTokens
{
    public ValueTask<string> GetAsync(CalendarConnection connection, CancellationToken ct) =>
        ValueTask.FromResult(options.Value.Google.AccessToken ?? throw new InvalidOperationException("No Google access token source is configured."));
}
