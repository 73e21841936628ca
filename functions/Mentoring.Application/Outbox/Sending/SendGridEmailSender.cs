using Microsoft.Extensions.Logging;
using SendGrid;

namespace Mentoring.Application.Outbox.Sending;

/// <summary>
/// Sends one <see cref="RenderedEmail"/> through SendGrid's v3 mail/send with the official client, and says what became
/// of it: sent, retry later (429, 5xx, timeouts, dropped connections) or a permanent failure (400, 401, 403, 413, …).
/// It never retries by itself: the caller delays the queue message (SendGrid has no idempotency key).
/// </summary>
public sealed partial class SendGridEmailSender : IEmailSender
{
    private readonly SendGridClient _client;
    private readonly SendGridOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SendGridEmailSender> _logger;

    /// <remarks>The HttpClient is used as given (no retry handler of the SDK's own); its timeout is set from the options.</remarks>
    public SendGridEmailSender(HttpClient httpClient, SendGridOptions options, TimeProvider time, ILogger<SendGridEmailSender> logger)
    {
        httpClient.Timeout = options.RequestTimeout;
        _client = new SendGridClient(httpClient, new SendGridClientOptions
        {
            ApiKey = options.ApiKey,
            Host = options.BaseUrl.ToString().TrimEnd('/'),
            HttpErrorAsException = false,
        });
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Sends once. Attempt is 1 for the first try; a retry that SendGrid gives no delay for waits backoff × 2^(attempt-1).</summary>
    public async Task<SendOutcome> SendAsync(RenderedEmail email, int attempt = 1, CancellationToken cancellationToken = default)
    {
        var message = SendGridMessageFactory.Create(email, _options);
        var backoff = Backoff(attempt);
        SendOutcome outcome;
        try
        {
            var response = await _client.SendEmailAsync(message, cancellationToken).ConfigureAwait(false);
            outcome = await SendGridResponses.ToOutcomeAsync(
                response.StatusCode, response.Body, response.Headers, _options.SandboxMode, backoff, _time.GetUtcNow(),
                cancellationToken).ConfigureAwait(false);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            outcome = new SendOutcome.RetryLater(backoff, "timed out after " + _options.RequestTimeout);
        }
        catch (HttpRequestException e)
        {
            outcome = new SendOutcome.RetryLater(backoff, "connection failed: " + e.HttpRequestError);
        }

        Log(email, outcome);
        return outcome;
    }

    private TimeSpan Backoff(int attempt)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt, 1, 16) - 1);
        return TimeSpan.FromTicks((long)Math.Min(_options.RetryBackoff.Ticks * factor, SendGridResponses.MaxDelay.Ticks));
    }

    private void Log(RenderedEmail email, SendOutcome outcome)
    {
        switch (outcome)
        {
            case SendOutcome.Sent sent:
                LogSent(email.MessageId, email.TemplateId, sent.ProviderMessageId, sent.Sandbox);
                break;
            case SendOutcome.RetryLater retry:
                LogRetry(email.MessageId, email.TemplateId, retry.After, retry.Reason);
                break;
            case SendOutcome.PermanentFailure failure:
                LogFailed(email.MessageId, email.TemplateId, failure.StatusCode, failure.Reason);
                break;
        }
    }

    [LoggerMessage(3301, LogLevel.Information, "Email {MessageId} ({TemplateId}) accepted by SendGrid as {ProviderMessageId}, sandbox {Sandbox}")]
    private partial void LogSent(string messageId, string templateId, string? providerMessageId, bool sandbox);

    [LoggerMessage(3302, LogLevel.Warning, "Email {MessageId} ({TemplateId}) to be retried in {After}: {Reason}")]
    private partial void LogRetry(string messageId, string templateId, TimeSpan after, string reason);

    [LoggerMessage(3303, LogLevel.Error, "Email {MessageId} ({TemplateId}) refused by SendGrid with {StatusCode}: {Reason}")]
    private partial void LogFailed(string messageId, string templateId, int statusCode, string reason);
}
