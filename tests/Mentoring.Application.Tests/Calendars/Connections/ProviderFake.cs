using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Mentoring.Tests.Calendars.Support;
using Microsoft.AspNetCore.Http;

namespace Mentoring.Tests.Calendars.Connections;

/// <summary>
/// Graph (<c>/v1.0</c>) and Google Calendar (<c>/calendar/v3</c>) on one loopback server, answering in their documented
/// shapes: subscriptions (POST, PATCH, DELETE), <c>calendarView/delta</c> pages, <c>events.watch</c>,
/// <c>channels.stop</c> and <c>events.list</c> pages. A test sets a status per path to make a call fail.
/// </summary>
internal sealed class ProviderFake : IAsyncDisposable
{
    public const string FirstDeltaToken = "R0usmci39OQxqJrxK4";
    public const string SecondDeltaToken = "R0usThird";
    public const string NewSubscriptionId = "7f105c7d-2dc5-4530-97cd-4e7ae6534c07";
    public const string NewResourceId = "o3hgv1538sdjfh";

    private LoopbackServer _server = null!;

    public Uri BaseUri => _server.BaseUri;

    public string GraphBase => new Uri(_server.BaseUri, "v1.0").ToString();

    public IEnumerable<ReceivedRequest> Received => _server.Received;

    /// <summary>Paths (e.g. <c>/v1.0/subscriptions/sub-1</c>) that answer with this status and the provider's error body.</summary>
    public ConcurrentDictionary<string, int> Failing { get; } = new(StringComparer.Ordinal);

    /// <summary>The expiry Google states for a channel it opens.</summary>
    public DateTimeOffset ChannelExpiration { get; set; } = new(2025, 3, 28, 12, 0, 0, TimeSpan.Zero);

    public static async Task<ProviderFake> StartAsync()
    {
        var fake = new ProviderFake();
        fake._server = await LoopbackServer.StartAsync((context, _) => fake.HandleAsync(context));
        return fake;
    }

    public IReadOnlyList<ReceivedRequest> Where(string method, string pathContains) =>
        [.. _server.Received.Where(r => r.Method == method && r.Path.Contains(pathContains, StringComparison.Ordinal))];

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value!;
        var method = context.Request.Method;
        if (Failing.TryGetValue(path, out var status))
        {
            return path.StartsWith("/v1.0", StringComparison.Ordinal)
                ? LoopbackServer.Json(context, $$$"""{"error":{"code":"Failed{{{status}}}","message":"Scripted failure."}}""", status)
                : LoopbackServer.Json(context, $$$"""{"error":{"code":{{{status}}},"message":"Scripted failure.","errors":[{"domain":"global","reason":"failed","message":"Scripted failure."}]}}""", status);
        }

        return (method, path) switch
        {
            ("POST", "/v1.0/subscriptions") => Created(context),
            ("PATCH", _) when path.StartsWith("/v1.0/subscriptions/", StringComparison.Ordinal) => Renewed(context, path["/v1.0/subscriptions/".Length..]),
            ("DELETE", _) when path.StartsWith("/v1.0/subscriptions/", StringComparison.Ordinal) => NoContent(context),
            ("GET", _) when path.EndsWith("/calendarView/delta", StringComparison.Ordinal) || path.EndsWith("/calendarView/delta()", StringComparison.Ordinal) => Delta(context),
            ("POST", _) when path.EndsWith("/events/watch", StringComparison.Ordinal) => Watch(context),
            ("POST", "/calendar/v3/channels/stop") => NoContent(context),
            ("GET", _) when path.StartsWith("/calendar/v3/calendars/", StringComparison.Ordinal) && path.EndsWith("/events", StringComparison.Ordinal) => Events(context),
            _ => LoopbackServer.Json(context, """{"error":{"code":"NotFound","message":"No such route on the fake."}}""", 404),
        };
    }

    private static Task NoContent(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    /// <summary>POST /subscriptions: 201 with the subscription as created (the request's fields and an id).</summary>
    private static Task Created(HttpContext context)
    {
        using var body = JsonDocument.Parse(LoopbackServer.Body(context));
        var r = body.RootElement;
        return LoopbackServer.Json(context, JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#subscriptions/$entity",
            ["id"] = NewSubscriptionId,
            ["resource"] = r.GetProperty("resource").GetString(),
            ["applicationId"] = "24d3b144-21ae-4080-943f-7067b395b913",
            ["changeType"] = r.GetProperty("changeType").GetString(),
            ["clientState"] = r.GetProperty("clientState").GetString(),
            ["notificationUrl"] = r.GetProperty("notificationUrl").GetString(),
            ["lifecycleNotificationUrl"] = r.TryGetProperty("lifecycleNotificationUrl", out var lifecycle) ? lifecycle.GetString() : null,
            ["expirationDateTime"] = r.GetProperty("expirationDateTime").GetString(),
            ["creatorId"] = "8ee44408-0679-472c-bc2a-692812af3437",
            ["latestSupportedTlsVersion"] = "v1_2",
        }), StatusCodes.Status201Created);
    }

    /// <summary>PATCH /subscriptions/{id}: 200 with the subscription and its new expiry.</summary>
    private static Task Renewed(HttpContext context, string id)
    {
        using var body = JsonDocument.Parse(LoopbackServer.Body(context));
        return LoopbackServer.Json(context, JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#subscriptions/$entity",
            ["id"] = id,
            ["resource"] = $"/users/{ConnectionsHarness.GraphUser}/events",
            ["changeType"] = "created,updated,deleted",
            ["notificationUrl"] = ConnectionsHarness.GraphNotifications.AbsoluteUri,
            ["expirationDateTime"] = body.RootElement.GetProperty("expirationDateTime").GetString(),
        }));
    }

    /// <summary>
    /// calendarView/delta: a first sync or the saved link before <see cref="FirstDeltaToken"/> gives the two sample pages
    /// (next link, then delta link <see cref="FirstDeltaToken"/>); from that link, the first event removed.
    /// </summary>
    private Task Delta(HttpContext context)
    {
        var query = context.Request.Query;
        string page;
        if (query["$deltatoken"] == FirstDeltaToken)
        {
            page = $$$"""
                {"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#Collection(event)",
                 "@odata.deltaLink":"{BASE}/me/calendarView/delta?$deltatoken={{{SecondDeltaToken}}}",
                 "value":[{"@odata.type":"#microsoft.graph.event","id":"AAMkAGUwNjQ4ZjIxAAA=","@removed":{"reason":"deleted"}}]}
                """;
        }
        else
        {
            page = Sample.Text(query.ContainsKey("$skiptoken") ? "graph/delta-page2.json" : "graph/delta-page1.json");
        }

        return LoopbackServer.Json(context, page.Replace("{BASE}", GraphBase, StringComparison.Ordinal));
    }

    /// <summary>events.watch: the channel as Google answers it (our id, its resource id and expiration in ms).</summary>
    private Task Watch(HttpContext context)
    {
        using var body = JsonDocument.Parse(LoopbackServer.Body(context));
        return LoopbackServer.Json(context, JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["kind"] = "api#channel",
            ["id"] = body.RootElement.GetProperty("id").GetString(),
            ["resourceId"] = NewResourceId,
            ["resourceUri"] = "https://www.googleapis.com/calendar/v3/calendars/maria.mentor%40contoso.com/events?alt=json",
            ["token"] = body.RootElement.GetProperty("token").GetString(),
            ["expiration"] = ChannelExpiration.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        }));
    }

    /// <summary>events.list: a sync token other than the sample's next one is gone (410); a full sync is the two sample pages.</summary>
    private static Task Events(HttpContext context)
    {
        var query = context.Request.Query;
        if (query.ContainsKey("syncToken") && query["syncToken"] != "CPDAlvWDx70CEPDAlvWDx70CGAU=")
            return LoopbackServer.Json(context, Sample.Text("google/gone.json"), StatusCodes.Status410Gone);
        if (query.ContainsKey("syncToken"))
            return LoopbackServer.Json(context, """{"kind":"calendar#events","nextSyncToken":"CPDAlvWDx70CEPDAlvWDx70CGAU=","items":[]}""");
        return LoopbackServer.Json(context, Sample.Text(query.ContainsKey("pageToken") ? "google/events-page2.json" : "google/events-page1.json"));
    }
}
