using Mentoring.Application.Ingest.Webhooks;

namespace Mentoring.Application.Ingest.Google;

/// <summary>
/// Google Calendar push: an empty body and headers, no signature. The channel id must be one we created
/// (<paramref name="isKnownChannel"/>, from the channel store) and <c>X-Goog-Channel-Token</c> one of the configured
/// tokens. <c>sync</c> (the first message of a channel), <c>exists</c> and <c>not_exists</c> are accepted; the replay key
/// is the channel id plus <c>X-Goog-Message-Number</c>.
/// </summary>
public sealed class GoogleWebhookVerifier(ProviderWebhookOptions options, Func<string, bool> isKnownChannel) : IWebhookVerifier
{
    public const string ChannelIdHeader = "X-Goog-Channel-ID";
    public const string ChannelTokenHeader = "X-Goog-Channel-Token";
    public const string ResourceStateHeader = "X-Goog-Resource-State";
    public const string MessageNumberHeader = "X-Goog-Message-Number";
    private const int MaxHeaderLength = 256;

    public string Provider => CalendarProviders.Google;

    public WebhookVerdict Verify(WebhookRequest request, DateTimeOffset now)
    {
        var channelId = request.Header(ChannelIdHeader);
        var state = request.Header(ResourceStateHeader);
        var number = request.Header(MessageNumberHeader);
        if (string.IsNullOrEmpty(channelId) || channelId.Length > MaxHeaderLength)
            return WebhookVerdict.Rejected("channel id missing");
        if (state is not ("sync" or "exists" or "not_exists"))
            return WebhookVerdict.Rejected("resource state missing or unknown");
        if (string.IsNullOrEmpty(number) || number.Length > 20 || !number.All(char.IsAsciiDigit))
            return WebhookVerdict.Rejected("message number missing");
        if (!options.Usable.Any())
            return WebhookVerdict.Rejected("no channel token configured");
        if (!Signatures.EqualsAnySecret(options.Usable, request.Header(ChannelTokenHeader)))
            return WebhookVerdict.Rejected("channel token mismatch");
        if (!isKnownChannel(channelId))
            return WebhookVerdict.Rejected("unknown channel");

        return WebhookVerdict.Verified(ReplayKeys.OfDelivery(Provider, $"{channelId}:{number}"));
    }
}
