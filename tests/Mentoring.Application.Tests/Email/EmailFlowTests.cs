using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Mentoring.Application.Evaluation;
using Mentoring.Application.Ingest;
using Mentoring.Application.Links;
using Mentoring.Application.Outbox;
using Mentoring.Application.Outbox.Suppressions;
using Mentoring.Application.Queues;
using Mentoring.Application.Roster;
using Mentoring.Application.Storage;
using Mentoring.Engine.Ledger;
using Mentoring.Engine.Policy;
using Mentoring.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Mentoring.Tests.Email;

/// <summary>The email feature end to end against Azurite: send-time rules, links, unsubscribe, SendGrid's events and retries.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class EmailFlowTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 10, 0, 0, TimeSpan.Zero); // a Wednesday

    [Fact]
    public async Task Dispatch_SuppressedAddress_IsNeverSentTo()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, Now);
        await TestPrograms.SeedDriftingAsync(harness, "p-supp", 1);
        await harness.Get<SuppressionStore>().SuppressAsync("  P-SUPP.pair-000.Mentor@test.example ", SuppressionReason.Bounced, "test", Now, default);

        await harness.Get<EvaluatePairHandler>().HandleAsync(new EvaluatePair("due/supp", "p-supp", "pair-000"), default);
        await harness.DrainAsync();

        var emails = Mine(harness, "p-supp");
        Assert.Single(emails);
        Assert.DoesNotContain(emails, e => e.Contains("mentor@test.example", StringComparison.Ordinal));
        var rows = (await Log(harness, "p-supp")).Messages;
        var skipped = Assert.Single(rows, r => r.Status == OutboxStatus.Skipped);
        Assert.Equal("suppressed", skipped.StatusReason);
    }

    [Fact]
    public async Task Dispatch_EpisodeClosedWhileWaiting_IsCancelledNotSent()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, Now);
        await TestPrograms.SeedDriftingAsync(harness, "p-closed", 1);
        await harness.Get<EvaluatePairHandler>().HandleAsync(new EvaluatePair("due/closed-1", "p-closed", "pair-000"), default);
        var waiting = (await Log(harness, "p-closed")).Messages;
        Assert.NotEmpty(waiting);
        await harness.Get<CalendarChangeHandler>().HandleAsync(new CalendarChanges("met", "p-closed", "pair-000",
            [new LedgerChange("m9/held", "m9", ChangeKind.Held, Now.AddMinutes(-5), Now.AddHours(-1), Now.AddMinutes(-5), Source: "zoom")]), default);
        await harness.Get<EvaluatePairHandler>().HandleAsync(new EvaluatePair("calendar/met", "p-closed", "pair-000"), default);

        foreach (var row in waiting)
        {
            Assert.Equal(DispatchOutcome.Cancelled, await harness.Get<EmailDispatchHandler>().HandleAsync(new SendEmail(row.Ref.Partition, row.Ref.RowKey), default));
            Assert.Equal("episode-closed", (await harness.Get<OutboxStore>().GetMessageAsync(row.Ref, default))!.StatusReason);
        }

        Assert.DoesNotContain(Mine(harness, "p-closed"), e => e.Contains("X-Mentoring-Template: ladder-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dispatch_InQuietHoursNow_IsDeferredUntilTheWindowOpens()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, Now);
        await TestPrograms.SeedDriftingAsync(harness, "p-quiet", 1);
        await harness.Get<EvaluatePairHandler>().HandleAsync(new EvaluatePair("due/quiet", "p-quiet", "pair-000"), default);
        var programs = harness.Get<ProgramStore>();
        var program = (await programs.GetAsync("p-quiet", default))!;
        await programs.SaveAsync(program with { Policy = program.Policy with { Sending = new SendingPolicy() } }, default);
        harness.Time.SetUtcNow(new DateTimeOffset(2026, 3, 7, 22, 0, 0, TimeSpan.Zero)); // Saturday night in Berlin and Tokyo
        var queue = harness.Get<QueueServiceClient>().GetQueueClient(QueueNames.OutboundEmail);
        await queue.ClearMessagesAsync();

        foreach (var row in (await Log(harness, "p-quiet")).Messages)
            Assert.Equal(DispatchOutcome.Deferred, await harness.Get<EmailDispatchHandler>().HandleAsync(new SendEmail(row.Ref.Partition, row.Ref.RowKey), default));

        Assert.Empty(Mine(harness, "p-quiet"));
        Assert.Equal(2, await harness.CountAsync(QueueNames.OutboundEmail)); // back on the queue, invisible until Monday 09:00 local
        Assert.Empty((await queue.ReceiveMessagesAsync(32)).Value);
        Assert.All((await Log(harness, "p-quiet")).Messages, r => Assert.Equal(OutboxStatus.Pending, r.Status));
    }

    [Fact]
    public async Task Dispatch_RateLimited_IsRetriedLaterAndSentOnce()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var harness = await PipelineHarness.StartAsync(azurite, Now, configuration: c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SendGrid:ApiKey"] = FakeSendGrid.ApiKey,
            ["SendGrid:BaseUrl"] = sendGrid.BaseUrl.ToString(),
            ["Links:BaseUrl"] = "https://mentoring.example.org",
            ["SendGrid:FromAddress"] = "mentoring@example.com",
        }));
        await TestPrograms.SeedDriftingAsync(harness, "p-429", 1);
        await harness.Get<EvaluatePairHandler>().HandleAsync(new EvaluatePair("due/429", "p-429", "pair-000"), default);
        var queue = harness.Get<QueueServiceClient>().GetQueueClient(QueueNames.OutboundEmail);
        var sends = (await queue.ReceiveMessagesAsync(32)).Value.Select(m => QueueJson.TryParse<SendEmail>(m.Body.ToString(), out var s, out _) ? s : null!).ToList();
        await queue.ClearMessagesAsync();
        var dispatcher = harness.Get<EmailDispatchHandler>();

        sendGrid.Answer = FakeAnswer.RateLimitedWithRetryAfter;
        foreach (var send in sends)
            Assert.Equal(DispatchOutcome.RetryLater, await dispatcher.HandleAsync(send, default));
        Assert.Equal(2, await harness.CountAsync(QueueNames.OutboundEmail));
        Assert.Empty((await queue.ReceiveMessagesAsync(32)).Value); // invisible for the Retry-After of 120 s

        sendGrid.Answer = FakeAnswer.Accepted;
        harness.Time.Advance(TimeSpan.FromMinutes(2));
        foreach (var send in sends)
            Assert.Equal(DispatchOutcome.Sent, await dispatcher.HandleAsync(send, default));
        foreach (var send in sends)
            Assert.Equal(DispatchOutcome.AlreadySent, await dispatcher.HandleAsync(send, default));

        Assert.Equal(4, sendGrid.Bodies.Count); // two refused, two accepted, none after
        Assert.All(sendGrid.Violations, Assert.Empty);
        Assert.All((await Log(harness, "p-429")).Messages, r => Assert.Equal((OutboxStatus.Sent, 2), (r.Status, r.Attempts)));
        var body = sendGrid.Bodies[^1];
        Assert.Contains("/api/unsubscribe/", body.GetProperty("headers").GetProperty("List-Unsubscribe").GetString(), StringComparison.Ordinal);
        Assert.Contains("p-429~pair-000/msg~", body.GetProperty("personalizations")[0].GetProperty("custom_args").GetProperty("messageId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispatch_PermanentFailure_IsRecordedWithReasonAndNotRetried()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var harness = await PipelineHarness.StartAsync(azurite, Now, configuration: c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SendGrid:ApiKey"] = FakeSendGrid.ApiKey,
            ["SendGrid:BaseUrl"] = sendGrid.BaseUrl.ToString(),
            ["Links:BaseUrl"] = "https://mentoring.example.org",
        }));
        await TestPrograms.SeedDriftingAsync(harness, "p-400", 1);
        await harness.Get<EvaluatePairHandler>().HandleAsync(new EvaluatePair("due/400", "p-400", "pair-000"), default);
        sendGrid.Answer = FakeAnswer.BadRequest;

        await harness.DrainAsync();

        Assert.Equal(2, sendGrid.Bodies.Count);
        Assert.All((await Log(harness, "p-400")).Messages, r =>
        {
            Assert.Equal(OutboxStatus.Failed, r.Status);
            Assert.True(r.StatusReason?.StartsWith("400: from: The from address", StringComparison.Ordinal), r.StatusReason);
        });
        Assert.Equal(0, await harness.CountAsync(QueueNames.OutboundEmail));
    }

    [Fact]
    public async Task Unsubscribe_GetShowsAButton_OneClickPostUnsubscribesOnce()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, Now);
        await TestPrograms.SeedDriftingAsync(harness, "p-unsub", 1);
        var token = harness.Get<LinkSigner>().Sign(new LinkClaims(LinkPurpose.Unsubscribe, "p-unsub", "pair-000", "k", "mentor:pair-000-mentor", Now.AddDays(365)));
        var handler = harness.Get<UnsubscribeHandler>();
        var address = "p-unsub.pair-000.mentor@test.example";

        var page = await handler.GetAsync(Http(harness, "GET", "/api/unsubscribe/" + token, accept: "text/html"));
        Assert.Equal(200, Status(page));
        Assert.Contains("method=\"post\"", Assert.IsType<Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult>(Mentoring.Application.Hosting.PageHeaders.Inner(page)).ResponseContent, StringComparison.Ordinal);
        Assert.False(await harness.Get<SuppressionStore>().IsSuppressedAsync(address, "any-program", default));

        for (var i = 0; i < 2; i++)
            Assert.Equal(200, Status(await handler.PostAsync(Http(harness, "POST", "/api/unsubscribe/" + token, form: "List-Unsubscribe=One-Click"))));

        Assert.True(await harness.Get<SuppressionStore>().IsSuppressedAsync(address, "any-program", default));
        Assert.True((await harness.Get<ParticipantStore>().GetAsync("p-unsub", "pair-000-mentor", default))!.Suppressed);
        var suppressions = await harness.Get<TableServiceClient>().GetTableClient(TableNames.Suppressions)
            .QueryAsync<TableEntity>(e => e.PartitionKey != "~deployment").ToListAsync();
        Assert.DoesNotContain(suppressions, e => e.Keys.Select(k => e[k]).Any(v => v?.ToString()?.Contains('@', StringComparison.Ordinal) == true) || e.PartitionKey.Contains('@', StringComparison.Ordinal));

        // The engine now sees the mentor as suppressed: the ladder writes to the mentee only.
        await harness.DrainAsync();
        Assert.Single(Mine(harness, "p-unsub"));
    }

    [Fact]
    public async Task CheckIn_GetChangesNothing_PostWritesOneConfirmedChange()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, Now);
        await TestPrograms.SeedDriftingAsync(harness, "p-checkin", 1, due: false);
        var token = harness.Get<LinkSigner>().Sign(new LinkClaims(LinkPurpose.Met, "p-checkin", "pair-000", "k", "mentee:pair-000-mentee", Now.AddDays(30)));
        var handler = harness.Get<CheckInHandler>();
        var before = (await Log(harness, "p-checkin")).Ledger.Count;

        Assert.Equal(200, Status(await handler.GetAsync(Http(harness, "GET", "/api/checkin/" + token, accept: "text/html"))));
        Assert.Equal(before, (await Log(harness, "p-checkin")).Ledger.Count);
        Assert.Equal(0, await harness.CountAsync(QueueNames.PairEvaluations));

        Assert.Equal(200, Status(await handler.PostAsync(Http(harness, "POST", "/api/checkin/" + token, form: ""))));
        Assert.Equal(200, Status(await handler.PostAsync(Http(harness, "POST", "/api/checkin/" + token, form: ""))));

        var added = Assert.Single((await Log(harness, "p-checkin")).Ledger, c => c.Source == "checkin");
        Assert.Equal((ChangeKind.Held, "m2", Party.Mentee), (added.Kind, added.MeetingId, added.ChangedBy));
        Assert.Equal(1, await harness.CountAsync(QueueNames.PairEvaluations));
    }

    [Fact]
    public async Task CheckIn_PostponedWithReasonAndMeetOn_AreRecorded()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, Now);
        await TestPrograms.SeedDriftingAsync(harness, "p-checkin2", 1, due: false);
        var signer = harness.Get<LinkSigner>();
        var handler = harness.Get<CheckInHandler>();
        string Token(LinkPurpose p) => signer.Sign(new LinkClaims(p, "p-checkin2", "pair-000", "k", "mentor:pair-000-mentor", Now.AddDays(30)));

        Assert.Equal(400, Status(await handler.PostAsync(Http(harness, "POST", "/api/checkin/" + Token(LinkPurpose.Postponed), form: "reason=bored"))));
        Assert.Equal(200, Status(await handler.PostAsync(Http(harness, "POST", "/api/checkin/" + Token(LinkPurpose.Postponed), form: "reason=deadline"))));
        Assert.Equal(200, Status(await handler.PostAsync(Http(harness, "POST", "/api/checkin/" + Token(LinkPurpose.MeetOn), form: "at=2026-03-12T10:00"))));

        var ledger = (await Log(harness, "p-checkin2")).Ledger.Where(c => c.Source == "checkin").ToList();
        Assert.Contains(ledger, c => c.Kind == ChangeKind.NoShow && c.Reason == "deadline" && c.MeetingId == "m2");
        Assert.Contains(ledger, c => c.Kind == ChangeKind.Scheduled && c.Start == new DateTimeOffset(2026, 3, 12, 9, 0, 0, TimeSpan.Zero)); // 10:00 in Berlin
    }

    [Fact]
    public async Task CheckIn_ExpiredOrTamperedLink_IsRefusedAndStoresNothing()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, Now);
        await TestPrograms.SeedDriftingAsync(harness, "p-badlink", 1, due: false);
        var token = harness.Get<LinkSigner>().Sign(new LinkClaims(LinkPurpose.Met, "p-badlink", "pair-000", "k", "mentor:pair-000-mentor", Now.AddDays(30)));
        var tampered = token[..^3] + (token[^3] == 'x' ? "y" : "x") + token[^2..];
        var handler = harness.Get<CheckInHandler>();

        var refused = await handler.PostAsync(Http(harness, "POST", "/api/checkin/" + tampered, form: ""));
        Assert.Equal(404, Status(refused));
        Assert.IsType<Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult>(refused);
        Assert.Equal(404, Status(await handler.PostAsync(Http(harness, "POST", "/api/checkin/" + token.Replace('.', '-'), form: ""))));
        harness.Time.Advance(TimeSpan.FromDays(31));
        Assert.Equal(410, Status(await handler.PostAsync(Http(harness, "POST", "/api/checkin/" + token, form: "", accept: "text/html"))));

        Assert.DoesNotContain((await Log(harness, "p-badlink")).Ledger, c => c.Source == "checkin");
        Assert.Equal(0, await harness.CountAsync(QueueNames.PairEvaluations));
    }

    [Fact]
    public async Task EventWebhook_BounceSuppressesAndRecordsDelivery_DuplicateChangesNothing_TamperedIsRefused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var harness = await PipelineHarness.StartAsync(azurite, Now, configuration: c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SendGrid:EventWebhookPublicKey"] = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()),
        }));
        await TestPrograms.SeedDriftingAsync(harness, "p-events", 1);
        await harness.Get<EvaluatePairHandler>().HandleAsync(new EvaluatePair("due/events", "p-events", "pair-000"), default);
        await harness.DrainAsync();
        var row = (await Log(harness, "p-events")).Messages.Single(m => m.Decision.Recipient.Key == "mentee:pair-000-mentee");
        var address = "p-events.pair-000.mentee@test.example";
        var body = $$"""[{"email":"{{address}}","timestamp":{{Now.ToUnixTimeSeconds()}},"event":"bounce","type":"bounce","reason":"550 5.1.1 unknown user","sg_event_id":"ev-bounce-1","sg_message_id":"sg-1","messageId":"{{EmailDispatchHandler.MessageIdOf(row.Ref)}}"},{"email":"{{address}}","timestamp":{{Now.ToUnixTimeSeconds() - 60}},"event":"delivered","sg_event_id":"ev-delivered-1","messageId":"{{EmailDispatchHandler.MessageIdOf(row.Ref)}}"}]""";
        var handler = harness.Get<Mentoring.Application.Outbox.Webhooks.SendGridEventHandler>();

        var tampered = body.Replace("\"bounce\",\"type\"", "\"bounce\" ,\"type\"", StringComparison.Ordinal);
        Assert.Equal(401, Status(await handler.PostAsync(Signed(harness, key, tampered, Now, signedBody: body))));
        Assert.Equal(401, Status(await handler.PostAsync(Signed(harness, key, body, Now.AddSeconds(-301)))));
        Assert.False(await harness.Get<SuppressionStore>().IsSuppressedAsync(address, "any-program", default));

        Assert.Equal(200, Status(await handler.PostAsync(Signed(harness, key, body, Now))));
        var after = await harness.Get<OutboxStore>().GetMessageAsync(row.Ref, default);
        Assert.Equal("bounce", after!.DeliveryState);
        Assert.True(await harness.Get<SuppressionStore>().IsSuppressedAsync(address, "any-program", default));
        Assert.True((await harness.Get<ParticipantStore>().GetAsync("p-events", "pair-000-mentee", default))!.Suppressed);
        var suppression = await harness.Get<TableServiceClient>().GetTableClient(TableNames.Suppressions)
            .GetEntityAsync<TableEntity>(await harness.Get<SuppressionStore>().HashAsync(address, default), "");

        harness.Time.Advance(TimeSpan.FromMinutes(1));
        var again = await handler.PostAsync(Signed(harness, key, body, harness.Time.GetUtcNow()));
        Assert.Equal(200, Status(again));
        Assert.Equal(after.ETag, (await harness.Get<OutboxStore>().GetMessageAsync(row.Ref, default))!.ETag);
        var suppressionAgain = await harness.Get<TableServiceClient>().GetTableClient(TableNames.Suppressions)
            .GetEntityAsync<TableEntity>(suppression.Value.PartitionKey, "");
        Assert.Equal(suppression.Value.ETag, suppressionAgain.Value.ETag);
    }

    private static DefaultHttpContext Signed(PipelineHarness harness, ECDsa key, string body, DateTimeOffset at, string? signedBody = null)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = key.SignData(Encoding.UTF8.GetBytes(timestamp + (signedBody ?? body)), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var context = Http(harness, "POST", "/api/webhooks/sendgrid", raw: Encoding.UTF8.GetBytes(body), contentType: "application/json");
        context.Request.Headers["X-Twilio-Email-Event-Webhook-Signature"] = Convert.ToBase64String(signature);
        context.Request.Headers["X-Twilio-Email-Event-Webhook-Timestamp"] = timestamp;
        return context;
    }

    private static DefaultHttpContext Http(
        PipelineHarness harness, string method, string path, string? form = null, string accept = "application/json", byte[]? raw = null,
        string contentType = "application/x-www-form-urlencoded")
    {
        var context = new DefaultHttpContext { RequestServices = harness.Services };
        context.Request.Method = method;
        context.Request.Path = path;
        context.Request.Headers.Accept = accept;
        var bytes = raw ?? (form is null ? null : Encoding.UTF8.GetBytes(form));
        if (bytes is not null)
        {
            context.Request.ContentType = contentType;
            context.Request.ContentLength = bytes.Length;
            context.Request.Body = new MemoryStream(bytes);
        }

        return context;
    }

    private static int Status(IResult result) => (result as IStatusCodeHttpResult)?.StatusCode ?? 200;

    private static Task<PairLog> Log(PipelineHarness harness, string programId, string pairId = "pair-000") =>
        harness.Get<PairLogStore>().LoadAsync(Keys.PairLog(programId, pairId), default);

    private static string[] Mine(PipelineHarness harness, string programId) =>
        [.. harness.Emails().Where(e => e.Contains($"<{programId}.", StringComparison.Ordinal))];
}
