using Mentoring.Application.Hosting;
using Mentoring.Application.Links;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Mentoring.Functions.Links;

/// <summary>The email links and SendGrid's events: anonymous at the HTTP level, each request authorised by its signature.</summary>
internal static class LinkFunctions
{
    [Function("CheckInPage")]
    public static Task<IResult> CheckInPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.CheckIn)] HttpRequest request) =>
        LinkEndpoints.CheckInPage.Handle(request.HttpContext);

    [Function("CheckIn")]
    public static Task<IResult> CheckIn([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.CheckIn)] HttpRequest request) =>
        LinkEndpoints.CheckIn.Handle(request.HttpContext);

    [Function("BookingPage")]
    public static Task<IResult> BookingPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Book)] HttpRequest request) =>
        LinkEndpoints.BookingPage.Handle(request.HttpContext);

    [Function("Book")]
    public static Task<IResult> Book([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Book)] HttpRequest request) =>
        LinkEndpoints.Book.Handle(request.HttpContext);

    [Function("UnsubscribePage")]
    public static Task<IResult> UnsubscribePage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Unsubscribe)] HttpRequest request) =>
        LinkEndpoints.UnsubscribePage.Handle(request.HttpContext);

    [Function("Unsubscribe")]
    public static Task<IResult> Unsubscribe([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Unsubscribe)] HttpRequest request) =>
        LinkEndpoints.Unsubscribe.Handle(request.HttpContext);

    [Function("SendGridEvents")]
    public static Task<IResult> SendGridEvents([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.SendGridEvents)] HttpRequest request) =>
        LinkEndpoints.SendGridEvents.Handle(request.HttpContext);
}
