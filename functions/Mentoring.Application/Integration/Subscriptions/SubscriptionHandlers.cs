using System.Net;
using Mentoring.Application.Admin;
using Mentoring.Application.Queues;
using Mentoring.Application.Roster;
using Microsoft.AspNetCore.Http;

namespace Mentoring.Application.Integration.Subscriptions;

internal sealed record SubscriptionBody(string Url, IReadOnlyList<string> EventTypes, string? Id = null);

internal sealed record SubscriptionView(string Id, string Url, IReadOnlyList<string> EventTypes, DateTimeOffset CreatedAt, string? Secret = null);

/// <summary>Integration subscriptions of a program: HTTPS endpoints (plain HTTP only on loopback, for local tools).</summary>
internal sealed class SubscriptionHandlers(ProgramStore programs, SubscriptionStore store, MessageQueues queues, UserTargets targets)
{
    public static IReadOnlyList<string> EventTypes { get; } = [IntegrationEvent.PairAtRisk, IntegrationEvent.MeetingHeld, "escalation.sent", "*"];

    public async Task<IResult> ListAsync(AdminRequest request)
    {
        await programs.ProgramOfAsync(request);
        var items = await store.ListAsync(request.ProgramId, request.Aborted);
        return Results.Json(new { items = items.Select(s => new SubscriptionView(s.Id, s.Url.AbsoluteUri, s.EventTypes, s.CreatedAt)) }, AdminJson.Options);
    }

    public async Task<IResult> CreateAsync(AdminRequest request)
    {
        await programs.ProgramOfAsync(request);
        var body = await request.BodyAsync<SubscriptionBody>();
        var ok = Uri.TryCreate(body.Url, UriKind.Absolute, out var url);
        new Validation()
            .Require(ok && (url!.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && IsLoopback(url))), "url", "An https:// URL (http:// only on loopback).")
            .Require(body.EventTypes.Count > 0 && body.EventTypes.All(EventTypes.Contains), "eventTypes", "One or more of: " + string.Join(", ", EventTypes) + ".")
            .Require(body.Id is null || Validation.IsId(body.Id), "id", "Letters, digits, '-', '_' or '.', at most 64.")
            .ThrowIfInvalid();
        await targets.RequirePublicAsync(url!, "url", "The subscription URL", request.Aborted);
        var subscription = new Subscription(request.ProgramId, body.Id ?? "sub_" + request.Now.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture),
            url!, body.EventTypes, StandardWebhooks.NewSecret(), request.Now);
        try
        {
            await store.AddAsync(subscription, request.Aborted);
        }
        catch (Azure.RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
        {
            throw ApiProblem.Conflict($"Subscription '{subscription.Id}' exists.");
        }

        // The secret is shown once: the subscriber verifies signatures with it.
        return Results.Json(new SubscriptionView(subscription.Id, url!.AbsoluteUri, subscription.EventTypes, subscription.CreatedAt, subscription.Secret),
            AdminJson.Options, statusCode: StatusCodes.Status201Created);
    }

    public async Task<IResult> DeleteAsync(AdminRequest request) =>
        await store.DeleteAsync(request.ProgramId, request.Route("subscriptionId"), request.Aborted)
            ? Results.NoContent()
            : throw ApiProblem.NotFound("subscription");

    public async Task<IResult> DeliveriesAsync(AdminRequest request)
    {
        var id = request.Route("subscriptionId");
        if (await store.GetAsync(request.ProgramId, id, request.Aborted) is null)
            throw ApiProblem.NotFound("subscription");
        return Results.Json(new { items = await store.DeliveriesAsync(request.ProgramId, id, request.Page().Size, request.Aborted) }, AdminJson.Options);
    }

    /// <summary>Sends a <c>subscription.test</c> event to the subscription through the delivery queue.</summary>
    public async Task<IResult> TestAsync(AdminRequest request)
    {
        var subscription = await store.GetAsync(request.ProgramId, request.Route("subscriptionId"), request.Aborted) ?? throw ApiProblem.NotFound("subscription");
        var e = new IntegrationEvent($"{request.ProgramId}/test/{request.Now.UtcTicks}", "subscription.test", request.ProgramId, "", request.Now,
            new Dictionary<string, string>(StringComparer.Ordinal));
        var message = new WebhookDeliveryMessage(SubscriptionPublisher.DeliveryIdOf(e.EventId, subscription.Id), request.ProgramId, subscription.Id, 1, e);
        await SubscriptionPublisher.EnqueueAsync(queues, message, TimeSpan.Zero, request.Aborted);
        return Results.Json(new { deliveryId = message.DeliveryId }, AdminJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    private static bool IsLoopback(Uri url) => url.IsLoopback || (IPAddress.TryParse(url.Host, out var ip) && IPAddress.IsLoopback(ip));
}
