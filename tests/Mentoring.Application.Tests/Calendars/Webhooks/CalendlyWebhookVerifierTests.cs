using Mentoring.Application.Ingest.Calendly;
using Mentoring.Application.Ingest.Webhooks;
using Mentoring.Tests.Calendars.Support;

namespace Mentoring.Tests.Calendars.Webhooks;

public sealed class CalendlyWebhookVerifierTests
{
    private const string Current = "calendly-signing-key-current";
    private const string Previous = "calendly-signing-key-previous";
    private static readonly byte[] Body = Sample.Bytes("calendly/invitee-created.json");
    private readonly CalendlyWebhookVerifier _verifier = new(Sample.Secrets(Current, Previous));

    private static string Header(string key, byte[] body, long t) =>
        $"t={t},v1={Sample.HexHmac(key, Sample.Concat($"{t}.", body))}";

    private WebhookVerdict Verify(byte[] body, string header) =>
        _verifier.Verify(Sample.Request(body, (CalendlyWebhookVerifier.SignatureHeader, header)), Sample.Now);

    private static long T(int offsetSeconds = 0) => Sample.Now.ToUnixTimeSeconds() + offsetSeconds;

    [Fact]
    public void Verify_ValidSignature_Verified() => Assert.Equal(WebhookOutcome.Verified, Verify(Body, Header(Current, Body, T())).Outcome);

    [Fact]
    public void Verify_OneByteChanged_Rejected() =>
        Assert.Equal(WebhookOutcome.Rejected, Verify(Sample.FlipOneByte(Body, 10), Header(Current, Body, T())).Outcome);

    [Fact]
    public void Verify_ReserialisedBody_Rejected() =>
        Assert.Equal(WebhookOutcome.Rejected, Verify(Sample.Reserialised(Body), Header(Current, Body, T())).Outcome);

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public void Verify_TimestampOutsideWindow_Rejected(int offset) =>
        Assert.Equal("timestamp outside the 5 minute window", Verify(Body, Header(Current, Body, T(offset))).Reason);

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    public void Verify_TimestampAtWindowEdge_Verified(int offset) =>
        Assert.Equal(WebhookOutcome.Verified, Verify(Body, Header(Current, Body, T(offset))).Outcome);

    [Fact]
    public void Verify_TimestampChangedAfterSigning_Rejected()
    {
        var header = Header(Current, Body, T()).Replace($"t={T()}", $"t={T(1)}", StringComparison.Ordinal);
        Assert.Equal("signature mismatch", Verify(Body, header).Reason);
    }

    [Fact]
    public void Verify_RotatedSecond_Verified() => Assert.Equal(WebhookOutcome.Verified, Verify(Body, Header(Previous, Body, T())).Outcome);

    [Theory]
    [InlineData("")]
    [InlineData("v1=abc")]
    [InlineData("t=abc,v1=00")]
    [InlineData("t=1742306400")]
    public void Verify_MalformedHeader_Rejected(string header) =>
        Assert.Equal(WebhookOutcome.Rejected, Verify(Body, header).Outcome);

    [Fact]
    public void Verify_RetriedWithNewTimestamp_SameReplayKey()
    {
        var first = Verify(Body, Header(Current, Body, T()));
        var retry = Verify(Body, Header(Current, Body, T(60)));
        Assert.Equal(first.ReplayKey, retry.ReplayKey);
    }
}
