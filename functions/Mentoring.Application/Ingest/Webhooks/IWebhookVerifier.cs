namespace Mentoring.Application.Ingest.Webhooks;

/// <summary>Checks one provider's webhook delivery over its raw bytes. Never throws for bad input.</summary>
public interface IWebhookVerifier
{
    /// <summary>The route segment: <c>POST /api/webhooks/{provider}</c>.</summary>
    string Provider { get; }

    WebhookVerdict Verify(WebhookRequest request, DateTimeOffset now);
}
