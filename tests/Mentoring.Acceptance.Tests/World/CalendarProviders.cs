using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mentoring.Acceptance.Tests.World;

/// <summary>
/// The calendars the program's people use, on one loopback server: Microsoft Graph (subscriptions, one event by id,
/// <c>calendarView/delta</c>) for a participant's Outlook calendar, and an iCalendar feed per pair. The test edits the
/// events; the local host reads them as it would read the real services.
/// </summary>
internal sealed class CalendarProviders : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CalendarProviders(WebApplication app, TimeProvider clock)
    {
        _app = app;
        Clock = clock;
        BaseUri = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
    }

    public Uri BaseUri { get; }

    public TimeProvider Clock { get; set; }

    /// <summary>Graph events per user id, by event id (JSON as Graph returns them).</summary>
    public ConcurrentDictionary<string, ConcurrentDictionary<string, JsonObject>> GraphEvents { get; } = new(StringComparer.Ordinal);

    /// <summary>Subscriptions the host created: id → user.</summary>
    public ConcurrentDictionary<string, string> Subscriptions { get; } = new(StringComparer.Ordinal);

    /// <summary>iCalendar feeds by name (<c>/feeds/{name}.ics</c>).</summary>
    public ConcurrentDictionary<string, string> Feeds { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<CalendarProviders> StartAsync(TimeProvider clock)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        CalendarProviders? providers = null;
        app.Run(context => providers!.HandleAsync(context));
        await app.StartAsync();
        providers = new CalendarProviders(app, clock);
        return providers;
    }

    public Uri Feed(string name) => new(BaseUri, $"feeds/{name}.ics");

    public void PutGraphEvent(string user, JsonObject graphEvent) =>
        GraphEvents.GetOrAdd(user, _ => new(StringComparer.Ordinal))[(string)graphEvent["id"]!] = graphEvent;

    /// <summary>A Graph event in the shape <c>GET /users/{id}/events/{id}</c> returns, times in UTC.</summary>
    public static JsonObject GraphEvent(
        string id, DateTimeOffset start, TimeSpan length, (string Name, string Address) organizer, (string Name, string Address) attendee, DateTimeOffset modified, bool cancelled = false) =>
        new()
        {
            ["id"] = id,
            ["subject"] = "Mentoring",
            ["type"] = "singleInstance",
            ["isCancelled"] = cancelled,
            ["iCalUId"] = "040000008200E00074C5B7101A82E008" + id,
            ["lastModifiedDateTime"] = modified.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["start"] = GraphTime(start),
            ["end"] = GraphTime(start + length),
            ["organizer"] = new JsonObject { ["emailAddress"] = Address(organizer) },
            ["attendees"] = new JsonArray(
                new JsonObject { ["type"] = "required", ["emailAddress"] = Address(organizer) },
                new JsonObject { ["type"] = "required", ["emailAddress"] = Address(attendee) }),
        };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static JsonObject GraphTime(DateTimeOffset at) =>
        new() { ["dateTime"] = at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture), ["timeZone"] = "UTC" };

    private static JsonObject Address((string Name, string Address) who) => new() { ["name"] = who.Name, ["address"] = who.Address };

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var segments = path.Trim('/').Split('/');
        Requests.Enqueue($"{context.Request.Method} {path}");
        if (segments is ["feeds", var file] && Feeds.TryGetValue(Path.GetFileNameWithoutExtension(file), out var feed))
        {
            context.Response.ContentType = "text/calendar; charset=utf-8";
            await context.Response.WriteAsync(feed);
            return;
        }

        if (segments is ["v1.0", "subscriptions"] && HttpMethods.IsPost(context.Request.Method))
        {
            var request = JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync())!.AsObject();
            var resource = (string)request["resource"]!;
            var user = resource.Trim('/').Split('/')[1];
            var id = "sub-" + user;
            Subscriptions[id] = user;
            request["id"] = id;
            request["expirationDateTime"] = Clock.GetUtcNow().AddDays(2).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture);
            await Json(context, StatusCodes.Status201Created, request);
            return;
        }

        if (segments is ["v1.0", "subscriptions", var subscription])
        {
            if (HttpMethods.IsDelete(context.Request.Method))
            {
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }

            var patch = JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync())!.AsObject();
            patch["id"] = subscription;
            await Json(context, StatusCodes.Status200OK, patch);
            return;
        }

        if (segments is ["v1.0", "users", var owner, "calendarView", "delta" or "delta()"])
        {
            var events = GraphEvents.GetValueOrDefault(owner)?.Values ?? [];
            var page = new JsonObject
            {
                ["value"] = new JsonArray([.. events.Select(e => e.DeepClone())]),
                ["@odata.deltaLink"] = new Uri(BaseUri, $"v1.0/users/{owner}/calendarView/delta?$deltatoken={Clock.GetUtcNow().ToUnixTimeSeconds()}").AbsoluteUri,
            };
            await Json(context, StatusCodes.Status200OK, page);
            return;
        }

        if (segments is ["v1.0", "users", var user2, "events", var eventId]
            && GraphEvents.GetValueOrDefault(user2)?.GetValueOrDefault(eventId) is { } found)
        {
            await Json(context, StatusCodes.Status200OK, found.DeepClone());
            return;
        }

        await Json(context, StatusCodes.Status404NotFound, new JsonObject { ["error"] = new JsonObject { ["code"] = "ErrorItemNotFound", ["message"] = "Not found." } });
    }

    private static async Task Json(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }
}
