using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mentoring.Application.Hosting;
using Mentoring.LocalHost.Http;
using Mentoring.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Mentoring.Tests.Admin;

/// <summary>The local host's HTTP half on a free loopback port, with a bootstrap key, over the fixture's Azurite.</summary>
internal sealed class AdminApi : IAsyncDisposable
{
    public const string BootstrapKey = "test-bootstrap-key-0123456789abcdef0123456789";

    private AdminApi(WebApplication app)
    {
        App = app;
        Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    /// <summary>For tests whose ICS feeds or subscribers are loopback servers: by default such targets are refused.</summary>
    public static readonly IReadOnlyDictionary<string, string> LoopbackTargets = new Dictionary<string, string> { ["Network:AllowPrivateTargets"] = "true" };

    public static async Task<AdminApi> StartAsync(
        AzuriteFixture azurite, IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["AzureWebJobsStorage"] = azurite.ConnectionString;
        builder.Configuration["Auth:BootstrapKey"] = BootstrapKey;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            builder.Configuration[key] = value;
        builder.AddMentoringApplication();
        services?.Invoke(builder.Services); // after the application's registrations, so a test's replacements win
        var app = builder.Build();
        app.UseHttpProblems();
        app.MapMentoringRoutes();
        await app.StartAsync();
        return new AdminApi(app);
    }

    public HttpClient Client(string? key = BootstrapKey)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(2) };
        if (key is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public static HttpContent Json(object body) => JsonContent.Create(body, options: new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static HttpContent Csv(string text) => new StringContent(text, Encoding.UTF8, "text/csv");

    public async Task<JsonElement> SendAsync(HttpMethod method, string path, HttpContent? body = null, string? key = BootstrapKey)
    {
        using var client = Client(key);
        using var request = new HttpRequestMessage(method, new Uri("/api/" + path, UriKind.Relative)) { Content = body };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>A program with a current cycle, five participants and two pairs.</summary>
    public async Task SeedProgramAsync(string programId, bool recurring = false)
    {
        await SendAsync(HttpMethod.Post, "programs", Json(new
        {
            id = programId,
            name = "Program " + programId,
            businessGoal = "Grow our engineers.",
            timeZone = "Europe/Berlin",
            admins = new[] { "admin@example.com" },
            sponsorName = "Dana",
            sponsorWords = "Mentoring is how we grow.",
            recurring,
        }));
        await SendAsync(HttpMethod.Post, $"programs/{programId}/cycles", Json(new { id = "c1", start = "2026-01-01T00:00:00Z", end = "2026-06-30T00:00:00Z" }));
        foreach (var id in new[] { "m1", "m2", "m3", "m4", "e1" })
        {
            await SendAsync(HttpMethod.Put, $"programs/{programId}/participants/{id}", Json(new
            {
                name = "Person " + id,
                email = id + "@example.com",
                role = "both",
                timeZone = "Europe/Berlin",
            }));
        }

        await SendAsync(HttpMethod.Post, $"programs/{programId}/pairs", Json(new { id = "p1", mentorId = "m1", menteeId = "m2" }));
        await SendAsync(HttpMethod.Post, $"programs/{programId}/pairs", Json(new { id = "p2", mentorId = "m3", menteeId = "e1" }));
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
