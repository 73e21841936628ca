using System.Text;
using Mentoring.Application.Ingest.Graph;
using Mentoring.Application.Ingest.Webhooks;
using Mentoring.Tests.Calendars.Support;

namespace Mentoring.Tests.Calendars.Webhooks;

public sealed class GraphWebhookVerifierTests
{
    private const string Current = "graph-client-state-current";
    private const string Previous = "graph-client-state-previous";
    private static readonly byte[] Body = Sample.Bytes("graph/notification.json");
    private readonly GraphWebhookVerifier _verifier = new(Sample.Secrets(Current, Previous));

    private WebhookVerdict Verify(byte[] body) => _verifier.Verify(Sample.Request(body), Sample.Now);

    [Fact]
    public void Verify_ValidationToken_AnswersTheDecodedTokenAsPlainText()
    {
        // What Graph POSTs: ?validationToken=Validation%3A%20Testing%20client%20application%20reachability…, query already decoded.
        const string token = "Validation: Testing client application reachability for subscription Request-Id: 25b2d2c7";
        var request = new WebhookRequest(ReadOnlyMemory<byte>.Empty, query: [KeyValuePair.Create("validationToken", token)]);

        var verdict = _verifier.Verify(request, Sample.Now);

        Assert.Equal(WebhookOutcome.Handshake, verdict.Outcome);
        Assert.Equal(token, verdict.Response);
        Assert.Equal("text/plain", verdict.ResponseContentType);
    }

    [Fact]
    public void Verify_OneOfOurClientStates_VerifiedAndTheOtherDropped()
    {
        Assert.Equal(WebhookOutcome.Verified, Verify(Body).Outcome);
        var batch = GraphNotificationReader.Read(Body, [Current, Previous]);
        var work = Assert.Single(batch.Work);
        Assert.Equal(GraphWorkKind.FetchEvent, work.Kind);
        Assert.Equal("AAMkAGUwNjQ4ZjIxAAA=", work.EventId);
        Assert.Equal(1, batch.Dropped);
    }

    [Fact]
    public void Verify_RotatedSecondClientState_Verified()
    {
        var rotated = Encoding.UTF8.GetBytes(Sample.Text("graph/notification.json").Replace(Current, Previous, StringComparison.Ordinal));
        Assert.Equal(WebhookOutcome.Verified, Verify(rotated).Outcome);
    }

    [Fact]
    public void Verify_ClientStateOneByteChanged_Rejected()
    {
        var changed = Encoding.UTF8.GetBytes(Sample.Text("graph/notification.json").Replace(Current, "graph-client-state-currenT", StringComparison.Ordinal));
        Assert.Equal(WebhookOutcome.Rejected, Verify(changed).Outcome);
    }

    [Fact]
    public void Verify_ReserialisedBody_VerifiedWithADifferentReplayKey()
    {
        // Graph signs nothing but clientState; a re-serialised body is a different delivery as far as dedupe goes,
        // and the work it describes converges through the normaliser's stable change ids.
        var reserialised = Verify(Sample.Reserialised(Body));
        Assert.Equal(WebhookOutcome.Verified, reserialised.Outcome);
        Assert.NotEqual(Verify(Body).ReplayKey, reserialised.ReplayKey);
    }

    [Fact]
    public void Verify_SameDelivery_SameReplayKey() => Assert.Equal(Verify(Body).ReplayKey, Verify(Body).ReplayKey);

    [Theory]
    [InlineData("graph/lifecycle-reauthorizationRequired.json", GraphWorkKind.Reauthorize)]
    [InlineData("graph/lifecycle-subscriptionRemoved.json", GraphWorkKind.Recreate)]
    [InlineData("graph/lifecycle-missed.json", GraphWorkKind.Resync)]
    public void Read_LifecycleNotification_AsksForTheDocumentedAction(string sample, GraphWorkKind expected)
    {
        Assert.Equal(WebhookOutcome.Verified, Verify(Sample.Bytes(sample)).Outcome);
        Assert.Equal(expected, Assert.Single(GraphNotificationReader.Read(Sample.Bytes(sample), [Current]).Work).Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("{\"value\":[]}")]
    [InlineData("{\"value\":\"x\"}")]
    [InlineData("[1,2]")]
    public void Verify_NotANotification_Rejected(string body) =>
        Assert.Equal(WebhookOutcome.Rejected, Verify(Encoding.UTF8.GetBytes(body)).Outcome);
}
