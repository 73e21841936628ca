using System.Text.Json;
using Mentoring.Application.Outbox;
using Mentoring.Application.Outbox.Rendering;
using Mentoring.Application.Outbox.Sending;
using Mentoring.Engine.Messages;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Mentoring.Tests.Email;

public sealed class SendGridEmailSenderTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private FakeSendGrid _server = null!;

    public async Task InitializeAsync() => _server = await FakeSendGrid.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private SendGridEmailSender Sender(bool sandbox = false, TimeSpan? timeout = null) => new(
        new HttpClient(),
        new SendGridOptions
        {
            ApiKey = FakeSendGrid.ApiKey,
            FromAddress = "mentoring@example.com",
            FromName = "Engineering Mentoring",
            BaseUrl = _server.BaseUrl,
            SandboxMode = sandbox,
            RequestTimeout = timeout ?? TimeSpan.FromSeconds(10),
            RetryBackoff = TimeSpan.FromMinutes(1),
        },
        new FakeTimeProvider(Now),
        NullLogger<SendGridEmailSender>.Instance);

    private static RenderedEmail Email()
    {
        var model = Samples.For(TemplateIds.Nudge);
        return RenderedEmail.Create(
            EmailRenderer.Render(model), "priya.raman@example.com", "Priya Raman", "msg-42", model.Links,
            "unsubscribe@mentoring.example.com", "pair-17", "prog-eng");
    }

    [Fact]
    public async Task Send_Accepted_SentAndRequestMatchesV3Schema()
    {
        var outcome = await Sender().SendAsync(Email());

        Assert.Equal(new SendOutcome.Sent("sg-msg-1", Sandbox: false), outcome);
        Assert.Empty(Assert.Single(_server.Violations));
    }

    [Fact]
    public async Task Send_InTheProgramsVoice_FromNameAndReplyToReachSendGrid()
    {
        await Sender().SendAsync(Email() with { FromName = "Platform Mentoring", ReplyTo = "hr.lead@example.com" });

        var body = Assert.Single(_server.Bodies);
        Assert.Empty(Assert.Single(_server.Violations));
        Assert.Equal("mentoring@example.com", body.GetProperty("from").GetProperty("email").GetString());
        Assert.Equal("Platform Mentoring", body.GetProperty("from").GetProperty("name").GetString());
        Assert.Equal("hr.lead@example.com", body.GetProperty("reply_to").GetProperty("email").GetString());
    }

    [Fact]
    public async Task Send_Request_CarriesIdsCategoriesAndOneClickUnsubscribe()
    {
        await Sender().SendAsync(Email());

        var body = Assert.Single(_server.Bodies);
        var personalization = body.GetProperty("personalizations")[0];
        Assert.Equal("priya.raman@example.com", personalization.GetProperty("to")[0].GetProperty("email").GetString());
        Assert.Equal("mentoring@example.com", body.GetProperty("from").GetProperty("email").GetString());
        var args = personalization.TryGetProperty("custom_args", out var p) ? p : body.GetProperty("custom_args");
        Assert.Equal("msg-42", args.GetProperty("messageId").GetString());
        Assert.Equal("pair-17", args.GetProperty("pairId").GetString());
        Assert.Equal("prog-eng", args.GetProperty("programId").GetString());
        Assert.DoesNotContain(args.EnumerateObject(), a => a.Value.GetString()!.Contains('@', StringComparison.Ordinal));
        Assert.Equal(["ladder-nudge", "mentoring-engine"], body.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        var headers = body.GetProperty("headers");
        Assert.Equal(
            "<mailto:unsubscribe@mentoring.example.com>, <https://mentoring.example.com/api/unsubscribe/one-click?t=sig-unsub>",
            headers.GetProperty("List-Unsubscribe").GetString());
        Assert.Equal("List-Unsubscribe=One-Click", headers.GetProperty("List-Unsubscribe-Post").GetString());
        Assert.Equal("en", headers.GetProperty("Content-Language").GetString());
        Assert.Equal(["text/plain", "text/html"], body.GetProperty("content").EnumerateArray().Select(c => c.GetProperty("type").GetString()));
        Assert.False(body.TryGetProperty("mail_settings", out _));
    }

    [Fact]
    public async Task Send_GermanEmail_ContentLanguageHeaderReachesSendGrid()
    {
        await Sender().SendAsync(Email() with { ContentLanguage = "de" });

        var body = Assert.Single(_server.Bodies);
        Assert.Empty(Assert.Single(_server.Violations)); // not one of v3's reserved headers
        Assert.Equal("de", body.GetProperty("headers").GetProperty("Content-Language").GetString());
    }

    [Fact]
    public async Task Send_SandboxMode_RequestSaysSoAnd200IsSent()
    {
        _server.Answer = FakeAnswer.SandboxOk;

        var outcome = await Sender(sandbox: true).SendAsync(Email());

        Assert.Equal(new SendOutcome.Sent(null, Sandbox: true), outcome);
        Assert.True(Assert.Single(_server.Bodies).GetProperty("mail_settings").GetProperty("sandbox_mode").GetProperty("enable").GetBoolean());
    }

    [Fact]
    public async Task Send_BadRequest_PermanentFailureWithTheErrorsReason()
    {
        _server.Answer = FakeAnswer.BadRequest;

        var outcome = await Sender().SendAsync(Email());

        var failure = Assert.IsType<SendOutcome.PermanentFailure>(outcome);
        Assert.Equal(400, failure.StatusCode);
        Assert.Equal("from: The from address does not match a verified Sender Identity.", failure.Reason);
    }

    [Theory]
    [InlineData(FakeAnswer.PayloadTooLarge, 413, "too large")]
    [InlineData(FakeAnswer.Unauthorized, 401, "authorization grant is invalid")]
    public async Task Send_RefusedForGood_PermanentFailure(FakeAnswer answer, int status, string reason)
    {
        _server.Answer = answer;

        var outcome = await Sender().SendAsync(Email());

        var failure = Assert.IsType<SendOutcome.PermanentFailure>(outcome);
        Assert.Equal(status, failure.StatusCode);
        Assert.Contains(reason, failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_RateLimitedWithReset_RetryLaterUntilTheReset()
    {
        _server.Answer = FakeAnswer.RateLimitedWithReset;

        var outcome = await Sender().SendAsync(Email());

        var retry = Assert.IsType<SendOutcome.RetryLater>(outcome);
        Assert.Equal(FakeSendGrid.RateLimitReset - Now, retry.After);
        Assert.StartsWith("429", retry.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_RateLimitedWithRetryAfter_RetryLaterAfterThoseSeconds()
    {
        _server.Answer = FakeAnswer.RateLimitedWithRetryAfter;

        var outcome = await Sender().SendAsync(Email());

        Assert.Equal(TimeSpan.FromSeconds(120), Assert.IsType<SendOutcome.RetryLater>(outcome).After);
    }

    [Fact]
    public async Task Send_ServerError_RetryLaterWithBackoffDoubledPerAttempt()
    {
        _server.Answer = FakeAnswer.ServerError;
        var sender = Sender();

        var first = await sender.SendAsync(Email(), attempt: 1);
        var third = await sender.SendAsync(Email(), attempt: 3);

        Assert.Equal(TimeSpan.FromMinutes(1), Assert.IsType<SendOutcome.RetryLater>(first).After);
        Assert.Equal(TimeSpan.FromMinutes(4), Assert.IsType<SendOutcome.RetryLater>(third).After);
    }

    [Fact]
    public async Task Send_SlowServer_RetryLaterAfterTheTimeout()
    {
        _server.Answer = FakeAnswer.Slow;

        var outcome = await Sender(timeout: TimeSpan.FromMilliseconds(300)).SendAsync(Email());

        Assert.Contains("timed out", Assert.IsType<SendOutcome.RetryLater>(outcome).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_DroppedConnection_RetryLater()
    {
        _server.Answer = FakeAnswer.Drop;

        var outcome = await Sender().SendAsync(Email());

        Assert.Contains("connection failed", Assert.IsType<SendOutcome.RetryLater>(outcome).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_CallerCancels_Throws()
    {
        _server.Answer = FakeAnswer.Slow;
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Sender().SendAsync(Email(), cancellationToken: cancel.Token));
    }

    [Fact]
    public async Task Send_AddressInCustomArgs_RefusedBeforeAnyRequest()
    {
        var email = Email() with { CustomArgs = new Dictionary<string, string> { ["who"] = "priya.raman@example.com" } };

        await Assert.ThrowsAsync<ArgumentException>(() => Sender().SendAsync(email));
        Assert.Empty(_server.Bodies);
    }

    [Fact]
    public void Schema_RequestWithoutUnsubscribeHeaders_Violates()
    {
        using var body = JsonDocument.Parse("""
            {"personalizations":[{"to":[{"email":"a@example.com"}]}],"from":{"email":"b@example.com"},"subject":"s",
             "content":[{"type":"text/html","value":"<p>x</p>"},{"type":"text/plain","value":"x"}],
             "custom_args":{"n":1},"categories":["a","b","c","d","e","f","g","h","i","j","k"]}
            """);

        var violations = MailSendSchema.Check("Bearer x", "application/json", body.RootElement, "x");

        Assert.Equal(4, violations.Count);
    }
}
