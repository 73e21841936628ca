using Mentoring.Application.Hosting;
using Mentoring.Application.Outbox.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Mentoring.Application.Links;

/// <summary>The email feature's HTTP endpoints: check-in, booking and unsubscribe links (anonymous, signed), SendGrid's events.</summary>
public static class LinkEndpoints
{
    public static HttpEndpoint CheckInPage { get; } = new(
        "CheckInPage", HttpMethods.Get, Routes.CheckIn, c => c.RequestServices.GetRequiredService<CheckInHandler>().GetAsync(c));

    public static HttpEndpoint CheckIn { get; } = new(
        "CheckIn", HttpMethods.Post, Routes.CheckIn, c => c.RequestServices.GetRequiredService<CheckInHandler>().PostAsync(c));

    public static HttpEndpoint BookingPage { get; } = new(
        "BookingPage", HttpMethods.Get, Routes.Book, c => c.RequestServices.GetRequiredService<BookingHandler>().GetAsync(c));

    public static HttpEndpoint Book { get; } = new(
        "Book", HttpMethods.Post, Routes.Book, c => c.RequestServices.GetRequiredService<BookingHandler>().PostAsync(c));

    public static HttpEndpoint UnsubscribePage { get; } = new(
        "UnsubscribePage", HttpMethods.Get, Routes.Unsubscribe, c => c.RequestServices.GetRequiredService<UnsubscribeHandler>().GetAsync(c));

    public static HttpEndpoint Unsubscribe { get; } = new(
        "Unsubscribe", HttpMethods.Post, Routes.Unsubscribe, c => c.RequestServices.GetRequiredService<UnsubscribeHandler>().PostAsync(c));

    public static HttpEndpoint SendGridEvents { get; } = new(
        "SendGridEvents", HttpMethods.Post, Routes.SendGridEvents, c => c.RequestServices.GetRequiredService<SendGridEventHandler>().PostAsync(c));

    public static IReadOnlyList<HttpEndpoint> All { get; } = [CheckInPage, CheckIn, BookingPage, Book, UnsubscribePage, Unsubscribe, SendGridEvents];
}
