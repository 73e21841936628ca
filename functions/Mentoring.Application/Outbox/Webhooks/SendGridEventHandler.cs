using System.Text.Json;
using Mentoring.Application.Hosting;
using Mentoring.Application.Outbox.Suppressions;
using Mentoring.Application.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mentoring.Application.Outbox.Webhooks;

/// <summary>One event of SendGrid's Event Webhook, as far as we use it (custom args arrive as top-level fields).</summary>
internal sealed record SendGridEvent(string EventId, string Kind, string? Email, string? BounceType, DateTimeOffset At, string? MessageId);

/// <summary>
/// <c>POST /api/webhooks/sendgrid</c>: verifies the ECDSA signature over the raw body before reading it (401 problem+json
/// and nothing stored otherwise), parses the whole batch (400 if any of it is not the documented shape), then for each
/// event not seen before (deduped by <c>sg_event_id</c>): bounce (not "blocked"), dropped, spamreport, unsubscribe and
/// group_unsubscribe suppress the address; those and delivered set the delivery state of our outbox row, found by the
/// <c>messageId</c> custom arg. Answers 200 fast; replays change nothing.
/// </summary>
internal sealed partial class SendGridEventHandler(
    IOptions<SendGridEventOptions> options,
    DedupeStore dedupe,
    OutboxStore outbox,
    Suppressor suppressor,
    TimeProvider time,
    ILogger<SendGridEventHandler> logger)
{
    public const int MaxBodyBytes = 2 * 1024 * 1024;
    public const int MaxEvents = 5000;
    private const string Scope = "sendgrid-events";

    public async Task<IResult> PostAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        var now = time.GetUtcNow();
        var body = await HttpBodies.ReadAsync(context.Request, MaxBodyBytes, ct);
        if (body is null)
            return HttpBodies.TooLarge();

        var verdict = SendGridEventVerifier.Verify(
            options.Value,
            context.Request.Headers[SendGridEventVerifier.SignatureHeader].ToString(),
            context.Request.Headers[SendGridEventVerifier.TimestampHeader].ToString(),
            body,
            now);
        if (verdict != EventWebhookVerdict.Valid)
        {
            LogRefused(verdict.ToString());
            return verdict == EventWebhookVerdict.NotConfigured
                ? Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "The event webhook is not configured.")
                : Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The event webhook signature is not valid.");
        }

        if (!TryParse(body, out var events))
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not a SendGrid event batch.");

        var applied = 0;
        foreach (var e in events)
        {
            if (await dedupe.IsDoneAsync(Scope, e.EventId, ct))
                continue;
            await ApplyAsync(e, ct);
            await dedupe.TryMarkDoneAsync(Scope, e.EventId, now, ct);
            applied++;
        }

        LogReceived(events.Count, applied);
        return Results.Ok(new { received = events.Count, applied });
    }

    private async Task ApplyAsync(SendGridEvent e, CancellationToken ct)
    {
        var reason = e.Kind switch
        {
            "bounce" when e.BounceType != "blocked" => SuppressionReason.Bounced,
            "dropped" => SuppressionReason.Dropped,
            "spamreport" => SuppressionReason.SpamReport,
            "unsubscribe" or "group_unsubscribe" => (SuppressionReason?)SuppressionReason.Unsubscribed,
            _ => null,
        };
        var at = EmailDispatchHandler.RefOf(e.MessageId);
        var row = at is null ? null : await outbox.GetMessageAsync(at, ct);
        if (reason is { } r && !string.IsNullOrEmpty(e.Email))
            await suppressor.SuppressAsync(e.Email, r, "sendgrid:" + e.Kind, row?.ProgramId ?? "", row?.Decision.Recipient, e.EventId, e.At, ct);
        if (row is not null && (reason is not null || e.Kind is "delivered" or "bounce"))
            await outbox.RecordDeliveryAsync(row.Ref, e.Kind == "bounce" && e.BounceType == "blocked" ? "blocked" : e.Kind, e.At, ct);
    }

    private static bool TryParse(byte[] body, out List<SendGridEvent> events)
    {
        events = [];
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind != JsonValueKind.Array || json.RootElement.GetArrayLength() > MaxEvents)
                return false;
            foreach (var item in json.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object
                    || Text(item, "sg_event_id") is not { Length: > 0 and <= 200 } id
                    || Text(item, "event") is not { Length: > 0 } kind)
                    return false;
                var at = item.TryGetProperty("timestamp", out var ts) && ts.ValueKind == JsonValueKind.Number && ts.TryGetInt64(out var unix)
                    && unix is >= 0 and < 253402300800
                    ? DateTimeOffset.FromUnixTimeSeconds(unix)
                    : DateTimeOffset.UnixEpoch;
                events.Add(new SendGridEvent(id, kind, Text(item, "email"), Text(item, "type"), at, Text(item, "messageId")));
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [LoggerMessage(3201, LogLevel.Warning, "SendGrid event webhook refused: {Verdict}")]
    private partial void LogRefused(string verdict);

    [LoggerMessage(3202, LogLevel.Information, "SendGrid event webhook: {Received} events, {Applied} new")]
    private partial void LogReceived(int received, int applied);
}
