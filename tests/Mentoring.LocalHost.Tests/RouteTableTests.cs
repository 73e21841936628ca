using System.Net;
using System.Reflection;
using Mentoring.Application.Hosting;
using Mentoring.LocalHost.Http;
using Mentoring.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Mentoring.Tests;

[Collection(AzuriteFixture.Collection)]
public sealed class RouteTableTests(AzuriteFixture azurite)
{
    /// <summary>Every [HttpTrigger] function of the Functions app, as (method, "api/route").</summary>
    private static IEnumerable<(string Method, string Route)> FunctionRoutes() =>
        from type in typeof(Mentoring.Functions.Hosting.HealthFunction).Assembly.GetTypes()
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
        where method.GetCustomAttribute<FunctionAttribute>() is not null
        from parameter in method.GetParameters()
        let trigger = parameter.GetCustomAttribute<HttpTriggerAttribute>()
        where trigger is not null
        from verb in trigger.Methods ?? []
        select (verb.ToUpperInvariant(), $"{Routes.Prefix}/{trigger.Route}");

    [Fact]
    public async Task EveryHttpFunction_IsServedByTheLocalHostRouteTable()
    {
        await using var app = await StartLocalHostAsync();
        var served = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (m, e.RoutePattern.RawText?.TrimStart('/'))))
            .ToHashSet();

        var functions = FunctionRoutes().ToList();

        Assert.NotEmpty(functions);
        Assert.All(functions, f => Assert.Contains(f, served));
    }

    [Fact]
    public async Task LocalHost_Health_AnswersOverHttp()
    {
        await using var app = await StartLocalHostAsync();
        using var client = new HttpClient { BaseAddress = new Uri(Address(app)) };

        using var response = await client.GetAsync(new Uri("/api/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task LocalHost_UnknownRoute_IsProblemJson()
    {
        await using var app = await StartLocalHostAsync();
        using var client = new HttpClient { BaseAddress = new Uri(Address(app)) };

        using var response = await client.GetAsync(new Uri("/api/nothing-here", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>The local host's HTTP half, as Program.cs wires it, on a free loopback port.</summary>
    private async Task<WebApplication> StartLocalHostAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["AzureWebJobsStorage"] = azurite.ConnectionString;
        builder.Configuration["Links:SigningKey"] = PipelineHarness.LinkSigningKey;
        builder.AddMentoringApplication();
        var app = builder.Build();
        app.UseHttpProblems();
        app.MapMentoringRoutes();
        await app.StartAsync();
        return app;
    }

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
}
