using System.Text.Json;
using Mentoring.Application.Ingest.Webhooks;
using Mentoring.Application.Ingest.Zoom;
using Mentoring.Tests.Calendars.Support;

namespace Mentoring.Tests.Calendars.Webhooks;

public sealed class ZoomWebhookVerifierTests
{
    private const string Current = "zoom-secret-token-current";
    private const string Previous = "zoom-secret-token-previous";
    private static readonly byte[] Body = Sample.Bytes("zoom/meeting-ended.json");
    private readonly ZoomWebhookVerifier _verifier = new(Sample.Secrets(Current, Previous));

    private static long T(int offset = 0) => Sample.Now.ToUnixTimeSeconds() + offset;

    private WebhookVerdict Verify(byte[] body, string secret, long signedAt, long? sentAt = null)
    {
        var signature = "v0=" + Sample.HexHmac(secret, Sample.Concat($"v0:{signedAt}:", body));
        return _verifier.Verify(
            Sample.Request(body, (ZoomWebhookVerifier.SignatureHeader, signature), (ZoomWebhookVerifier.TimestampHeader, $"{sentAt ?? signedAt}")),
            Sample.Now);
    }

    [Fact]
    public void Verify_ValidSignature_Verified() => Assert.Equal(WebhookOutcome.Verified, Verify(Body, Current, T()).Outcome);

    [Fact]
    public void Verify_OneByteChanged_Rejected()
    {
        var signature = "v0=" + Sample.HexHmac(Current, Sample.Concat($"v0:{T()}:", Body));
        var verdict = _verifier.Verify(
            Sample.Request(Sample.FlipOneByte(Body, 5), (ZoomWebhookVerifier.SignatureHeader, signature), (ZoomWebhookVerifier.TimestampHeader, $"{T()}")),
            Sample.Now);
        Assert.Equal("signature mismatch", verdict.Reason);
    }

    [Fact]
    public void Verify_ReserialisedBody_Rejected()
    {
        var signature = "v0=" + Sample.HexHmac(Current, Sample.Concat($"v0:{T()}:", Body));
        var verdict = _verifier.Verify(
            Sample.Request(Sample.Reserialised(Body), (ZoomWebhookVerifier.SignatureHeader, signature), (ZoomWebhookVerifier.TimestampHeader, $"{T()}")),
            Sample.Now);
        Assert.Equal(WebhookOutcome.Rejected, verdict.Outcome);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public void Verify_TimestampOutsideWindow_Rejected(int offset) =>
        Assert.Equal("timestamp outside the 5 minute window", Verify(Body, Current, T(offset)).Reason);

    [Fact]
    public void Verify_TimestampHeaderNotTheSignedOne_Rejected() =>
        Assert.Equal("signature mismatch", Verify(Body, Current, T(), sentAt: T(2)).Reason);

    [Fact]
    public void Verify_RotatedSecond_Verified() => Assert.Equal(WebhookOutcome.Verified, Verify(Body, Previous, T()).Outcome);

    [Fact]
    public void Verify_SameDelivery_SameReplayKey() =>
        Assert.Equal(Verify(Body, Current, T()).ReplayKey, Verify(Body, Current, T(30)).ReplayKey);

    [Theory]
    [InlineData(Current)]
    [InlineData(Previous)]
    public void Verify_SignedUrlValidation_AnswersEncryptedTokenWithTheSigningSecret(string secret)
    {
        var body = Sample.Bytes("zoom/url-validation.json");
        var verdict = Verify(body, secret, T());

        Assert.Equal(WebhookOutcome.Handshake, verdict.Outcome);
        Assert.Equal("application/json", verdict.ResponseContentType);
        using var answer = JsonDocument.Parse(verdict.Response!);
        Assert.Equal("qgg8vlvZRS6UYooatFL8Aw", answer.RootElement.GetProperty("plainToken").GetString());
        Assert.Equal(
            Sample.HexHmac(secret, "qgg8vlvZRS6UYooatFL8Aw"u8.ToArray()),
            answer.RootElement.GetProperty("encryptedToken").GetString());
    }

    [Fact]
    public void Verify_UnsignedUrlValidation_RejectedSoNoHmacOracle()
    {
        var body = Sample.Bytes("zoom/url-validation.json");
        var verdict = _verifier.Verify(Sample.Request(body, (ZoomWebhookVerifier.TimestampHeader, $"{T()}")), Sample.Now);
        Assert.Equal(WebhookOutcome.Rejected, verdict.Outcome);
        Assert.Null(verdict.Response);
    }
}
