using System.Net.Http.Headers;
using Mentoring.Application.Hosting;
using Mentoring.Application.Ingest.CalCom;
using Mentoring.Application.Ingest.Calendly;
using Mentoring.Application.Ingest.Connections;
using Mentoring.Application.Ingest.Google;
using Mentoring.Application.Ingest.Graph;
using Mentoring.Application.Ingest.Normalising;
using Mentoring.Application.Ingest.Zoom;
using Mentoring.Application.Queues;
using Mentoring.Application.Roster;
using Mentoring.Application.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mentoring.Application.Ingest.Webhooks;

/// <summary>
/// <c>POST /api/webhooks/{provider}</c> (Graph, Google: their connection says the program) and
/// <c>POST /api/webhooks/{provider}/{programId}</c> (Cal.com, Calendly, Zoom: the route says the program whose pairs the
/// delivery may match; an unknown program is a 404): read the raw body (capped), verify it, answer handshakes, refuse
/// what the queue handler could not use, dedupe by the replay key (insert-if-absent), enqueue the raw delivery to
/// <c>calendar-changes</c> and answer 202. Every refusal is a 4xx problem+json and stores nothing; storage that does not
/// answer within <see cref="WebhookOptions.StorageDeadline"/> is a 503 with Retry-After.
/// </summary>
internal sealed partial class WebhookIngest(
    IOptions<WebhookOptions> options,
    DedupeStore dedupe,
    MessageQueues queues,
    ConnectionStore connections,
    ProgramStore programs,
    TimeProvider time,
    ILogger<WebhookIngest> logger)
{
    /// <summary>
    /// The largest body accepted. A queue message holds 48 KiB of JSON; the body travels base64 (×4/3) with its envelope.
    /// Real deliveries are 1–5 KiB.
    /// </summary>
    public const int MaxBodyBytes = 32 * 1024;

    /// <summary>The longest program id a route may name.</summary>
    private const int MaxProgramIdLength = 128;

    /// <summary>The dedupe scope of webhook replay keys.</summary>
    public const string DedupeScope = "webhooks";

    private static readonly string[] GoogleHeaders =
    [
        GoogleWebhookVerifier.ChannelIdHeader, GoogleWebhookVerifier.ResourceStateHeader, GoogleWebhookVerifier.MessageNumberHeader,
        "X-Goog-Resource-ID", "X-Goog-Channel-Expiration",
    ];

    public async Task<IResult> HandleAsync(HttpContext context, string provider)
    {
        var ct = context.RequestAborted;
        var now = time.GetUtcNow();
        var request = context.Request;
        using var storage = CancellationTokenSource.CreateLinkedTokenSource(ct);
        storage.CancelAfter(options.Value.StorageDeadline);

        var body = await HttpBodies.ReadAsync(request, MaxBodyBytes, ct);
        if (body is null)
            return Refuse(provider, StatusCodes.Status413PayloadTooLarge, "The body is larger than a webhook delivery can be.");

        var isGraphHandshake = provider == CalendarProviders.Graph && request.Query.ContainsKey("validationToken");
        if (provider != CalendarProviders.Google && !isGraphHandshake && !IsJson(request.ContentType))
            return Refuse(provider, StatusCodes.Status415UnsupportedMediaType, "The body must be application/json.");

        var webhookRequest = new WebhookRequest(
            body,
            request.Headers.Select(h => KeyValuePair.Create(h.Key, h.Value.ToString())),
            request.Query.Select(q => KeyValuePair.Create(q.Key, q.Value.ToString())));
        var verdict = (await VerifierFor(provider, webhookRequest, storage.Token)).Verify(webhookRequest, now);

        switch (verdict.Outcome)
        {
            case WebhookOutcome.Rejected:
                return Refuse(provider, StatusCodes.Status401Unauthorized, "The delivery could not be verified.", verdict.Reason);
        }

        var programId = request.RouteValues["programId"]?.ToString();
        if (programId is not null
            && (programId.Length > MaxProgramIdLength || await programs.GetAsync(programId, storage.Token) is null))
            return Refuse(provider, StatusCodes.Status404NotFound, "No such program: the route names the program whose pairs the deliveries belong to.");

        switch (verdict.Outcome)
        {
            case WebhookOutcome.Handshake:
                LogHandshake(provider);
                return PageHeaders.With(Results.Text(verdict.Response, verdict.ResponseContentType, statusCode: StatusCodes.Status200OK), PageHeaders.NothingPolicy);
        }

        // Authentic, but is it something the queue handler can use? Refuse garbage now rather than park it later.
        switch (ShapeOf(provider, body))
        {
            case { Status: NormalisedStatus.Invalid } invalid:
                return Refuse(provider, StatusCodes.Status400BadRequest, "The delivery is not in the provider's documented shape.", invalid.Reason);
            case { Status: NormalisedStatus.Ignored }:
                LogIgnored(provider);
                return Results.Ok();
        }

        var headers = provider == CalendarProviders.Google
            ? GoogleHeaders.Where(h => request.Headers.ContainsKey(h)).ToDictionary(h => h, h => request.Headers[h].ToString(), StringComparer.OrdinalIgnoreCase)
            : null;
        var replayKey = ReplayKeyOf(programId, verdict.ReplayKey!);
        var delivery = new CalendarDelivery(replayKey, provider, now, Convert.ToBase64String(body), headers, programId);
        var json = QueueJson.SerializeOrNull(delivery);
        if (json is null)
            return Refuse(provider, StatusCodes.Status413PayloadTooLarge, "The delivery is larger than a queue message can carry.");

        // Enqueue first, then mark the replay key. A failure between the two leaves a message without a marker (the
        // provider retries on the 503 and the second copy lands on the same ledger change ids), never a marker without a
        // message, which would turn the provider's retry into a "replay" and lose the delivery.
        var receipt = await queues.SendRawAsync(QueueNames.CalendarChanges, json, storage.Token);
        if (!await dedupe.TryMarkDoneAsync(DedupeScope, delivery.DeliveryId, now, storage.Token))
        {
            await queues.TryTakeBackAsync(QueueNames.CalendarChanges, receipt, storage.Token);
            LogReplay(provider, delivery.DeliveryId);
            return Results.Ok();
        }

        return Results.Accepted();
    }

    private static Normalised? ShapeOf(string provider, byte[] body)
    {
        var none = new Dictionary<string, string>(0);
        return provider switch
        {
            CalendarProviders.CalCom => CalComNormaliser.Normalise(body, none),
            CalendarProviders.Calendly => CalendlyNormaliser.Normalise(body, none),
            CalendarProviders.Zoom => ZoomNormaliser.Normalise(body, none),
            _ => null, // Graph: the verifier read every entry; Google: headers only
        };
    }

    private async Task<IWebhookVerifier> VerifierFor(string provider, WebhookRequest request, CancellationToken ct)
    {
        var o = options.Value;
        switch (provider)
        {
            case CalendarProviders.CalCom:
                return new CalComWebhookVerifier(o.CalCom);
            case CalendarProviders.Calendly:
                return new CalendlyWebhookVerifier(o.Calendly);
            case CalendarProviders.Zoom:
                return new ZoomWebhookVerifier(o.Zoom);
            case CalendarProviders.Graph:
                return new GraphWebhookVerifier(o.Graph);
            default:
                var channel = request.Header(GoogleWebhookVerifier.ChannelIdHeader);
                var known = channel is { Length: > 0 and <= 256 } && await connections.FindByChannelAsync(channel, ct) is not null;
                return new GoogleWebhookVerifier(o.Google, _ => known);
        }
    }

    /// <summary>The delivery's key in <c>dedupe</c>: one program's route must not mark another's delivery as a replay.</summary>
    public static string ReplayKeyOf(string? programId, string providerKey) => programId is null ? providerKey : $"{programId}/{providerKey}";

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (string.Equals(media.MediaType, "application/json", StringComparison.OrdinalIgnoreCase)
            || (media.MediaType?.EndsWith("+json", StringComparison.OrdinalIgnoreCase) ?? false));

    private IResult Refuse(string provider, int status, string title, string? reason = null)
    {
        LogRefused(provider, status, reason ?? title);
        return Results.Problem(statusCode: status, title: title, detail: reason);
    }

    [LoggerMessage(4001, LogLevel.Information, "Webhook {Provider} refused with {Status}: {Reason}")]
    private partial void LogRefused(string provider, int status, string reason);

    [LoggerMessage(4002, LogLevel.Information, "Webhook {Provider} handshake answered")]
    private partial void LogHandshake(string provider);

    [LoggerMessage(4003, LogLevel.Information, "Webhook {Provider} delivery {DeliveryId} is a replay; nothing enqueued")]
    private partial void LogReplay(string provider, string deliveryId);

    [LoggerMessage(4004, LogLevel.Debug, "Webhook {Provider} delivery is of an event type not used; nothing enqueued")]
    private partial void LogIgnored(string provider);
}
