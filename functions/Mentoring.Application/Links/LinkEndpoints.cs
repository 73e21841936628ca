using Mentoring.Application.Email.Webhooks;
using Mentoring.Application.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Mentoring.Application.Links;

/// <summary>The email feature's HTTP endpoints: check-in and unsubscribe links (anonymous, signed), SendGrid's events.</summary>
public static class LinkEndpoints
{
    public static HttpEndpoint CheckInPage { get; } = new(
        "CheckInPage", HttpMethods.Get, Routes.CheckIn, c => c.RequestServices.GetRequiredService<CheckInHandler>().GetAsync(c));

    public static HttpEndpoint CheckIn { get; } = new(
        "CheckIn", HttpMethods.Post, Routes.CheckIn, c => c.RequestServices.GetRequiredService<CheckInHandler>().PostAsync(c));

    public static HttpEndpoint UnsubscribePage { get; } = new(
        "UnsubscribePage", HttpMethods.Get, Routes.Unsubscribe, c => c.RequestServices.GetRequiredService<UnsubscribeHandler>().GetAsync(c));

    public static HttpEndpoint Unsubscribe { get; } = new(
        "Unsubscribe", HttpMethods.Post, Routes.Unsubscribe, c => c.RequestServices.GetRequiredService<UnsubscribeHandler>().PostAsync(c));

    public static HttpEndpoint SendGridEvents { get; } = new(
        "SendGridEvents", HttpMethods.Post, Routes.SendGridEvents, c => c.RequestServices.GetRequiredService<SendGridEventHandler>().PostAsync(c));

    public static IReadOnlyList<HttpEndpoint> All { get; } = [CheckInPage, CheckIn, UnsubscribePage, Unsubscribe, SendGridEvents];
}
