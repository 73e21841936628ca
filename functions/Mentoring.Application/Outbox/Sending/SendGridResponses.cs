using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Mentoring.Application.Outbox.Sending;

/// <summary>Maps SendGrid's answer to a <see cref="SendOutcome"/>.</summary>
internal static class SendGridResponses
{
    /// <summary>The longest a queue message can stay invisible: a retry delay is never longer.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7);

    public static async Task<SendOutcome> ToOutcomeAsync(
        HttpStatusCode status, HttpContent? body, HttpResponseHeaders headers, bool sandbox, TimeSpan backoff,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var code = (int)status;
        if (status == HttpStatusCode.Accepted || (status == HttpStatusCode.OK && sandbox))
            return new SendOutcome.Sent(Header(headers, "X-Message-Id"), sandbox);

        var reason = await ReasonAsync(body, cancellationToken).ConfigureAwait(false);
        if (status == HttpStatusCode.TooManyRequests)
            return new SendOutcome.RetryLater(Delay(headers, backoff, now), "429 rate limited" + Suffix(reason));
        if (code >= 500 || status == HttpStatusCode.RequestTimeout)
            return new SendOutcome.RetryLater(Delay(headers, backoff, now), $"{code} server error" + Suffix(reason));
        return new SendOutcome.PermanentFailure(code, reason.Length > 0 ? reason : $"{code} {status}");
    }

    /// <summary>Retry-After (seconds or a date), else X-RateLimit-Reset (Unix seconds), else the backoff.</summary>
    public static TimeSpan Delay(HttpResponseHeaders headers, TimeSpan backoff, DateTimeOffset now)
    {
        TimeSpan? delay = null;
        if (headers.RetryAfter is { } retryAfter)
            delay = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - now : null);
        if (delay is null
            && long.TryParse(Header(headers, "X-RateLimit-Reset"), NumberStyles.None, CultureInfo.InvariantCulture, out var reset))
            delay = DateTimeOffset.FromUnixTimeSeconds(reset) - now;
        var chosen = delay ?? backoff;
        if (chosen < TimeSpan.FromSeconds(1))
            chosen = TimeSpan.FromSeconds(1);
        return chosen > MaxDelay ? MaxDelay : chosen;
    }

    /// <summary>The messages of SendGrid's <c>errors[]</c> body, with the field they name.</summary>
    private static async Task<string> ReasonAsync(HttpContent? body, CancellationToken cancellationToken)
    {
        if (body is null)
            return "";
        var text = await body.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var json = JsonDocument.Parse(text);
            if (json.RootElement.ValueKind != JsonValueKind.Object
                || !json.RootElement.TryGetProperty("errors", out var errors)
                || errors.ValueKind != JsonValueKind.Array)
                return Trim(text);
            var reasons = errors.EnumerateArray()
                .Select(e => (Message: Text(e, "message"), Field: Text(e, "field")))
                .Where(e => e.Message.Length > 0)
                .Select(e => e.Field.Length > 0 ? $"{e.Field}: {e.Message}" : e.Message);
            return string.Join("; ", reasons);
        }
        catch (JsonException)
        {
            return Trim(text);
        }
    }

    private static string Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() ?? ""
            : "";

    private static string Trim(string text) => text.Length > 300 ? text[..300] : text.Trim();

    private static string Suffix(string reason) => reason.Length > 0 ? ": " + reason : "";

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
