using Mentoring.Application.Ingest.Google;
using Mentoring.Application.Ingest.Webhooks;
using Mentoring.Tests.Calendars.Support;

namespace Mentoring.Tests.Calendars.Webhooks;

public sealed class GoogleWebhookVerifierTests
{
    private const string Current = "google-channel-token-current";
    private const string Previous = "google-channel-token-previous";
    private const string Channel = "01234567-89ab-cdef-0123456789ab";
    private readonly GoogleWebhookVerifier _verifier = new(Sample.Secrets(Current, Previous), id => id == Channel);

    // Google's push message: empty body, everything in headers.
    private WebhookVerdict Verify(string channel = Channel, string token = Current, string state = "exists", string number = "1") =>
        _verifier.Verify(
            Sample.Request(
                [],
                (GoogleWebhookVerifier.ChannelIdHeader, channel),
                (GoogleWebhookVerifier.ChannelTokenHeader, token),
                ("X-Goog-Resource-ID", "ret08u3rv24htgh289g"),
                ("X-Goog-Resource-URI", "https://www.googleapis.com/calendar/v3/calendars/primary/events?alt=json"),
                (GoogleWebhookVerifier.ResourceStateHeader, state),
                (GoogleWebhookVerifier.MessageNumberHeader, number),
                ("X-Goog-Channel-Expiration", "Tue, 25 Mar 2025 13:00:00 GMT")),
            Sample.Now);

    [Theory]
    [InlineData("sync")]
    [InlineData("exists")]
    [InlineData("not_exists")]
    public void Verify_KnownChannelAndToken_Verified(string state) => Assert.Equal(WebhookOutcome.Verified, Verify(state: state).Outcome);

    [Fact]
    public void Verify_RotatedSecondToken_Verified() => Assert.Equal(WebhookOutcome.Verified, Verify(token: Previous).Outcome);

    [Fact]
    public void Verify_TokenOneCharacterChanged_Rejected() =>
        Assert.Equal("channel token mismatch", Verify(token: "google-channel-token-currenT").Reason);

    [Fact]
    public void Verify_UnknownChannel_Rejected() => Assert.Equal("unknown channel", Verify(channel: "not-ours").Reason);

    [Fact]
    public void Verify_UnknownState_Rejected() => Assert.Equal(WebhookOutcome.Rejected, Verify(state: "updated").Outcome);

    [Fact]
    public void Verify_SameMessageNumber_SameReplayKeyAndNextDiffers()
    {
        Assert.Equal(Verify(number: "7").ReplayKey, Verify(number: "7").ReplayKey);
        Assert.NotEqual(Verify(number: "7").ReplayKey, Verify(number: "8").ReplayKey);
    }
}
