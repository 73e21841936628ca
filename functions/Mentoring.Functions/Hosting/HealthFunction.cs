using Mentoring.Application.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Mentoring.Functions.Hosting;

internal static class HealthFunction
{
    [Function(nameof(HttpEndpoints.Health))]
    public static Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Health)] HttpRequest request) =>
        HttpEndpoints.Health.Handle(request.HttpContext);
}
