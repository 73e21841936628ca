using Mentoring.Application.Ingest.Webhooks;

namespace Mentoring.Application.Ingest.Graph;

/// <summary>
/// Microsoft Graph (change and lifecycle notifications): the <c>validationToken</c> handshake is answered with 200
/// text/plain and the URL-decoded token; otherwise at least one entry must carry one of our <c>clientState</c>s
/// (entries that do not are dropped by <see cref="GraphNotificationReader"/>). Graph signs nothing else.
/// </summary>
public sealed class GraphWebhookVerifier(ProviderWebhookOptions options) : IWebhookVerifier
{
    private const int MaxValidationTokenLength = 2048;

    public string Provider => CalendarProviders.Graph;

    public WebhookVerdict Verify(WebhookRequest request, DateTimeOffset now)
    {
        if (request.QueryValue("validationToken") is { } token)
        {
            // The query is URL-decoded already; echo it as plain text only, never as HTML.
            return token.Length is 0 or > MaxValidationTokenLength || token.Any(char.IsControl)
                ? WebhookVerdict.Rejected("validationToken empty, too long or with control characters")
                : WebhookVerdict.Handshake(token, "text/plain");
        }

        if (!options.Usable.Any())
            return WebhookVerdict.Rejected("no clientState configured");

        var body = request.Body.Span;
        var batch = GraphNotificationReader.Read(body, options.Usable);
        return batch.Problem is { } problem
            ? WebhookVerdict.Rejected(problem)
            : WebhookVerdict.Verified(ReplayKeys.OfBody(Provider, body));
    }
}
