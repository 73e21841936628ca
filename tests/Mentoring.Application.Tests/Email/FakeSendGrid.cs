using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mentoring.Tests.Email;

/// <summary>How the fake answers the next request.</summary>
public enum FakeAnswer
{
    Accepted,
    SandboxOk,
    BadRequest,
    PayloadTooLarge,
    Unauthorized,
    RateLimitedWithReset,
    RateLimitedWithRetryAfter,
    ServerError,
    Slow,
    Drop,
}

/// <summary>
/// A loopback stand-in for SendGrid's <c>POST /v3/mail/send</c> on Kestrel (127.0.0.1, a free port). It checks every
/// request against the documented v3 schema, records what it saw, answers as told, and stops by itself after a while.
/// </summary>
internal sealed class FakeSendGrid : IAsyncDisposable
{
    public const string ApiKey = "SG.test-key";
    public static readonly DateTimeOffset RateLimitReset = new(2026, 3, 2, 9, 1, 30, TimeSpan.Zero);

    private readonly WebApplication _app;
    private readonly CancellationTokenSource _lifetime;

    private FakeSendGrid(WebApplication app, TimeSpan lifetime)
    {
        _app = app;
        _lifetime = new CancellationTokenSource(lifetime);
        _lifetime.Token.Register(() => _ = _app.StopAsync());
    }

    public FakeAnswer Answer { get; set; } = FakeAnswer.Accepted;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Every schema violation seen, per request.</summary>
    public List<IReadOnlyList<string>> Violations { get; } = [];

    public List<JsonElement> Bodies { get; } = [];

    /// <summary>Starts on a free loopback port; it stops by itself after <paramref name="lifetime"/> (2 minutes by default).</summary>
    public static async Task<FakeSendGrid> StartAsync(TimeSpan? lifetime = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new FakeSendGrid(app, lifetime ?? TimeSpan.FromMinutes(2));
        app.MapPost("/v3/mail/send", fake.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        fake.BaseUrl = new Uri(address);
        return fake;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        var violations = MailSendSchema.Check(context.Request.Headers.Authorization.ToString(), context.Request.ContentType, body.RootElement, ApiKey);
        lock (Violations)
        {
            Violations.Add(violations);
            Bodies.Add(body.RootElement.Clone());
        }

        if (violations.Count > 0)
        {
            await Errors(context, 400, violations.Select(v => (v, (string?)null)).ToArray());
            return;
        }

        var response = context.Response;
        switch (Answer)
        {
            case FakeAnswer.Accepted:
                response.StatusCode = 202;
                response.Headers["X-Message-Id"] = "sg-msg-1";
                break;
            case FakeAnswer.SandboxOk:
                response.StatusCode = 200;
                break;
            case FakeAnswer.BadRequest:
                await Errors(context, 400, [("The from address does not match a verified Sender Identity.", "from")]);
                break;
            case FakeAnswer.PayloadTooLarge:
                await Errors(context, 413, [("The JSON payload you have included in your request is too large.", null)]);
                break;
            case FakeAnswer.Unauthorized:
                await Errors(context, 401, [("The provided authorization grant is invalid, expired, or revoked", null)]);
                break;
            case FakeAnswer.RateLimitedWithReset:
                response.Headers["X-RateLimit-Limit"] = "600";
                response.Headers["X-RateLimit-Remaining"] = "0";
                response.Headers["X-RateLimit-Reset"] = RateLimitReset.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Errors(context, 429, [("too many requests", null)]);
                break;
            case FakeAnswer.RateLimitedWithRetryAfter:
                response.Headers.RetryAfter = "120";
                await Errors(context, 429, [("too many requests", null)]);
                break;
            case FakeAnswer.ServerError:
                await Errors(context, 500, [("internal server error", null)]);
                break;
            case FakeAnswer.Slow:
                await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                response.StatusCode = 202;
                break;
            case FakeAnswer.Drop:
                context.Abort();
                break;
        }
    }

    private static Task Errors(HttpContext context, int status, (string Message, string? Field)[] errors)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new
        {
            errors = errors.Select(e => new { message = e.Message, field = e.Field, help = (string?)null }).ToArray(),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _lifetime.Dispose();
    }
}
