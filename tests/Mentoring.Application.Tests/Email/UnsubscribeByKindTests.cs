using System.Text;
using Azure.Data.Tables;
using Mentoring.Application.Evaluation;
using Mentoring.Application.Links;
using Mentoring.Application.Outbox;
using Mentoring.Application.Outbox.Suppressions;
using Mentoring.Application.Queues;
using Mentoring.Application.Roster;
using Mentoring.Application.Storage;
using Mentoring.Engine.Messages;
using Mentoring.Testing;
using Microsoft.AspNetCore.Http;

namespace Mentoring.Tests.Email;

/// <summary>
/// Unsubscribe by kind against Azurite: a link stops its email's kind, the page's choice replaces what is stopped, rows
/// written before kinds mean "all", and a bounce stops every kind whatever was chosen before.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class UnsubscribeByKindTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 10, 0, 0, TimeSpan.Zero); // a Wednesday
    private const string Mentor = "mentor:pair-000-mentor";

    private static string Address(string programId) => $"{programId}.pair-000.mentor@test.example";

    [Fact]
    public async Task OneClick_OfALadderEmail_StopsOnlyTheLadder_TheEngineNudgesTheOtherOnly()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, Now);
        await TestPrograms.SeedDriftingAsync(harness, "k-ladder", 1);
        var token = Token(harness, "k-ladder", EmailKinds.Ladder);

        for (var i = 0; i < 2; i++)
            Assert.Equal(200, Status(await Handler(harness).PostAsync(Http(harness, "/api/unsubscribe/" + token, "List-Unsubscribe=One-Click"))));

        var store = harness.Get<SuppressionStore>();
        Assert.Equal(EmailKinds.Ladder, await store.StoppedAsync(Address("k-ladder"), "any-program", default));
        Assert.False(await store.IsSuppressedAsync(Address("k-ladder"), "any-program", default));
        var person = (await harness.Get<ParticipantStore>().GetAsync("k-ladder", "pair-000-mentor", default))!;
        Assert.Equal((false, EmailKinds.Ladder), (person.Suppressed, person.Stopped));
        Assert.Equal("ladder", (await SuppressionRowAsync(harness, Address("k-ladder")))!.GetString("Kinds"));

        await harness.DrainAsync(); // the re-evaluation the unsubscribe asked for: the nudge goes to the mentee only
        var nudges = harness.Emails().Where(e => e.Contains("X-Mentoring-Template: ladder-nudge", StringComparison.Ordinal)).ToList();
        Assert.Single(nudges);
        Assert.DoesNotContain(nudges, e => e.Contains(Address("k-ladder"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Page_ChoiceReplacesTheStops_AnEmptyChoiceResubscribes_AnUnknownKindIsRefused()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, Now);
        await TestPrograms.SeedDriftingAsync(harness, "k-page", 1, due: false);
        var path = "/api/unsubscribe/" + Token(harness, "k-page", EmailKinds.Campaign);
        var store = harness.Get<SuppressionStore>();

        var page = Html(await Handler(harness).GetAsync(Http(harness, path, accept: "text/html")));
        Assert.Contains("name=\"stop\" value=\"campaign\" checked", page, StringComparison.Ordinal);
        Assert.Contains("name=\"stop\" value=\"ladder\">", page, StringComparison.Ordinal);
        Assert.Null(await SuppressionRowAsync(harness, Address("k-page"))); // a GET changes nothing

        Assert.Equal(200, Status(await Handler(harness).PostAsync(Http(harness, path, "choose=1&stop=campaign&stop=meeting-reminders"))));
        Assert.Equal(EmailKinds.Campaign | EmailKinds.MeetingReminders, await store.StoppedAsync(Address("k-page"), "k-page", default));

        var refused = await Handler(harness).PostAsync(Http(harness, path, "choose=1&stop=ladder&stop=newsletter"));
        Assert.Equal(400, Status(refused));
        Assert.IsType<Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult>(refused);
        Assert.Equal(EmailKinds.Campaign | EmailKinds.MeetingReminders, await store.StoppedAsync(Address("k-page"), "k-page", default));

        var back = await Handler(harness).PostAsync(Http(harness, path, "choose=1", accept: "text/html"));
        Assert.Contains("You get every email again", Html(back), StringComparison.Ordinal);
        Assert.Equal(EmailKinds.None, await store.StoppedAsync(Address("k-page"), "k-page", default));
        Assert.Null(await SuppressionRowAsync(harness, Address("k-page")));
        Assert.Equal(EmailKinds.None, (await harness.Get<ParticipantStore>().GetAsync("k-page", "pair-000-mentor", default))!.Stopped);
    }

    [Fact]
    public async Task RowsWrittenBeforeKinds_MeanAll_AndThePersonCanStillChooseFromThePage()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, Now);
        await TestPrograms.SeedDriftingAsync(harness, "k-old", 1, due: false);
        var store = harness.Get<SuppressionStore>();
        var hash = await store.HashAsync(Address("k-old"), default);
        // Exactly what the one-click unsubscribe wrote before kinds: no Kinds column, and the participant's Suppressed flag.
        await harness.Get<TableServiceClient>().GetTableClient(TableNames.Suppressions).AddEntityAsync(new TableEntity(hash, "")
        {
            ["Reason"] = "Unsubscribed",
            ["Source"] = "one-click",
            ["SuppressedAt"] = Now.AddDays(-30),
        });
        await harness.Get<TableServiceClient>().GetTableClient(TableNames.Participants).UpdateEntityAsync(
            new TableEntity(Keys.Encode("k-old"), Keys.Encode("pair-000-mentor")) { ["Suppressed"] = true }, Azure.ETag.All, TableUpdateMode.Merge);

        Assert.Equal(EmailKinds.All, await store.StoppedAsync(Address("k-old"), "k-old", default));
        Assert.True(await store.IsSuppressedAsync(Address("k-old"), "k-old", default));
        Assert.Equal(EmailKinds.All, (await harness.Get<ParticipantStore>().GetAsync("k-old", "pair-000-mentor", default))!.Stopped);
        // A link signed before kinds still stops everything, as its email promised.
        var oldLink = harness.Get<LinkSigner>().Sign(new LinkClaims(LinkPurpose.Unsubscribe, "k-old", "pair-000", "k", Mentor, Now.AddDays(365)));
        Assert.Equal(200, Status(await Handler(harness).PostAsync(Http(harness, "/api/unsubscribe/" + oldLink, "List-Unsubscribe=One-Click"))));
        Assert.Equal(EmailKinds.All, await store.StoppedAsync(Address("k-old"), "k-old", default));

        var path = "/api/unsubscribe/" + Token(harness, "k-old", EmailKinds.Ladder);
        Assert.Equal(200, Status(await Handler(harness).PostAsync(Http(harness, path, "choose=1&stop=ladder"))));

        Assert.Equal(EmailKinds.Ladder, await store.StoppedAsync(Address("k-old"), "k-old", default));
        var person = (await harness.Get<ParticipantStore>().GetAsync("k-old", "pair-000-mentor", default))!;
        Assert.Equal((false, EmailKinds.Ladder), (person.Suppressed, person.Stopped));
    }

    [Fact]
    public async Task Bounce_AfterAnUnsubscribeByKind_StopsEveryKind_ThePageCannotLiftIt()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, Now);
        await TestPrograms.SeedDriftingAsync(harness, "k-bounce", 1, due: false);
        var path = "/api/unsubscribe/" + Token(harness, "k-bounce", EmailKinds.Ladder);
        Assert.Equal(200, Status(await Handler(harness).PostAsync(Http(harness, path, "List-Unsubscribe=One-Click"))));

        // What SendGrid's bounce event does (SendGridEventHandler → Suppressor).
        await harness.Get<Suppressor>().SuppressAsync(
            Address("k-bounce"), SuppressionReason.Bounced, "sendgrid:bounce", "k-bounce", RecipientKeys.Parse(Mentor), "ev-1", Now, default);

        var store = harness.Get<SuppressionStore>();
        Assert.Equal(EmailKinds.All, await store.StoppedAsync(Address("k-bounce"), "k-bounce", default));
        Assert.Equal("Bounced", (await SuppressionRowAsync(harness, Address("k-bounce")))!.GetString("Reason"));
        Assert.True((await harness.Get<ParticipantStore>().GetAsync("k-bounce", "pair-000-mentor", default))!.Suppressed);

        Assert.Equal(200, Status(await Handler(harness).PostAsync(Http(harness, path, "choose=1"))));
        Assert.Equal(EmailKinds.All, await store.StoppedAsync(Address("k-bounce"), "k-bounce", default));
    }

    [Fact]
    public async Task Dispatch_TheListStopsTheEmailsKindOnly()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, Now);
        // On the list only (as if chosen from another program's email): the engine still writes to the mentor, and the
        // dispatcher, reading the list at send time, decides by the email's kind.
        foreach (var (programId, stop) in new[] { ("k-send-c", EmailKinds.Campaign | EmailKinds.MeetingReminders), ("k-send-l", EmailKinds.Ladder) })
        {
            await TestPrograms.SeedDriftingAsync(harness, programId, 1);
            await harness.Get<SuppressionStore>().ChooseAsync(Address(programId), stop, "test", Now, default);
            await harness.Get<EvaluatePairHandler>().HandleAsync(new EvaluatePair("due/" + programId, programId, "pair-000"), default);
        }

        await harness.DrainAsync();

        var sent = await harness.Get<PairLogStore>().LoadAsync(Keys.PairLog("k-send-c", "pair-000"), default);
        Assert.Equal(OutboxStatus.Sent, sent.Messages.Single(m => m.Decision.Recipient.Key == Mentor).Status);
        Assert.Contains(harness.Emails(), e => e.Contains(Address("k-send-c"), StringComparison.Ordinal));
        var skipped = await harness.Get<PairLogStore>().LoadAsync(Keys.PairLog("k-send-l", "pair-000"), default);
        var nudge = skipped.Messages.Single(m => m.Decision.Recipient.Key == Mentor);
        Assert.Equal((TemplateIds.Nudge, OutboxStatus.Skipped, "suppressed"), (nudge.Decision.TemplateId, nudge.Status, nudge.StatusReason));
        Assert.DoesNotContain(harness.Emails(), e => e.Contains(Address("k-send-l"), StringComparison.Ordinal));
    }

    private static string Token(PipelineHarness harness, string programId, EmailKinds kind) =>
        harness.Get<LinkSigner>().Sign(new LinkClaims(LinkPurpose.Unsubscribe, programId, "pair-000", "k", Mentor, Now.AddDays(365), kind));

    private static UnsubscribeHandler Handler(PipelineHarness harness) => harness.Get<UnsubscribeHandler>();

    private static async Task<TableEntity?> SuppressionRowAsync(PipelineHarness harness, string address)
    {
        var hash = await harness.Get<SuppressionStore>().HashAsync(address, default);
        var row = await harness.Get<TableServiceClient>().GetTableClient(TableNames.Suppressions).GetEntityIfExistsAsync<TableEntity>(hash, "");
        return row.HasValue ? row.Value : null;
    }

    private static DefaultHttpContext Http(PipelineHarness harness, string path, string? form = null, string accept = "application/json")
    {
        var context = new DefaultHttpContext { RequestServices = harness.Services };
        context.Request.Method = form is null ? "GET" : "POST";
        context.Request.Path = path;
        context.Request.Headers.Accept = accept;
        if (form is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(form);
            context.Request.ContentType = "application/x-www-form-urlencoded";
            context.Request.ContentLength = bytes.Length;
            context.Request.Body = new MemoryStream(bytes);
        }

        return context;
    }

    private static int Status(IResult result) => (result as IStatusCodeHttpResult)?.StatusCode ?? 200;

    private static string Html(IResult result) =>
        Assert.IsType<Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult>(Mentoring.Application.Hosting.PageHeaders.Inner(result)).ResponseContent ?? "";
}
