using Mentoring.Application.Ingest.CalCom;
using Mentoring.Application.Ingest.Webhooks;
using Mentoring.Tests.Calendars.Support;

namespace Mentoring.Tests.Calendars.Webhooks;

public sealed class CalComWebhookVerifierTests
{
    private const string Current = "calcom-secret-current";
    private const string Previous = "calcom-secret-previous";
    private static readonly byte[] Body = Sample.Bytes("calcom/booking-created.json");
    private readonly CalComWebhookVerifier _verifier = new(Sample.Secrets(Current, Previous));

    private WebhookVerdict Verify(byte[] body, string signature) =>
        _verifier.Verify(Sample.Request(body, (CalComWebhookVerifier.SignatureHeader, signature)), Sample.Now);

    [Fact]
    public void Verify_ValidSignature_Verified() =>
        Assert.Equal(WebhookOutcome.Verified, Verify(Body, Sample.HexHmac(Current, Body)).Outcome);

    [Fact]
    public void Verify_UppercaseHexSignature_Verified() =>
        Assert.Equal(WebhookOutcome.Verified, Verify(Body, Sample.HexHmac(Current, Body).ToUpperInvariant()).Outcome);

    [Fact]
    public void Verify_OneByteChanged_Rejected()
    {
        var signature = Sample.HexHmac(Current, Body);
        Assert.Equal(WebhookOutcome.Rejected, Verify(Sample.FlipOneByte(Body, Body.Length / 2), signature).Outcome);
    }

    [Fact]
    public void Verify_ReserialisedBody_Rejected() =>
        Assert.Equal(WebhookOutcome.Rejected, Verify(Sample.Reserialised(Body), Sample.HexHmac(Current, Body)).Outcome);

    [Fact]
    public void Verify_RotatedSecond_Verified() =>
        Assert.Equal(WebhookOutcome.Verified, Verify(Body, Sample.HexHmac(Previous, Body)).Outcome);

    [Fact]
    public void Verify_UnknownSecret_Rejected() =>
        Assert.Equal(WebhookOutcome.Rejected, Verify(Body, Sample.HexHmac("retired", Body)).Outcome);

    [Fact]
    public void Verify_NoSecretProvidedLiteral_Rejected() =>
        Assert.Equal("the webhook was registered without a secret", Verify(Body, "no-secret-provided").Reason);

    [Fact]
    public void Verify_MissingHeader_Rejected() =>
        Assert.Equal(WebhookOutcome.Rejected, _verifier.Verify(Sample.Request(Body), Sample.Now).Outcome);

    [Fact]
    public void Verify_NoSecretConfigured_Rejected() =>
        Assert.Equal(WebhookOutcome.Rejected, new CalComWebhookVerifier(Sample.Secrets())
            .Verify(Sample.Request(Body, (CalComWebhookVerifier.SignatureHeader, Sample.HexHmac(Current, Body))), Sample.Now).Outcome);

    [Fact]
    public void Verify_SameDeliveryTwice_SameReplayKey()
    {
        var first = Verify(Body, Sample.HexHmac(Current, Body));
        var again = Verify(Body, Sample.HexHmac(Current, Body));
        var other = Sample.Bytes("calcom/booking-cancelled.json");
        Assert.Equal(first.ReplayKey, again.ReplayKey);
        Assert.StartsWith("calcom:", first.ReplayKey, StringComparison.Ordinal);
        Assert.NotEqual(first.ReplayKey, Verify(other, Sample.HexHmac(Current, other)).ReplayKey);
    }
}
