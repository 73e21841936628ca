using System.Net;
using System.Text;
using Mentoring.Application.Evaluation;
using Mentoring.Application.Queues;
using Mentoring.Application.Roster;
using Mentoring.Application.Storage;
using Mentoring.Engine.Ledger;
using Mentoring.Testing;
using Mentoring.Tests.Calendars.Support;

namespace Mentoring.Tests.Calendars;

/// <summary>
/// A calendar change reaches only pairs of the program it came through: the program of the Cal.com, Calendly or Zoom
/// route, or of the connection whose Graph subscription notified. A Graph notification for a subscription the app does
/// not hold (never made, or outlived a disconnect) feeds no ledger.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class ProgramScopeTests(AzuriteFixture azurite)
{
    private const string OtherProgram = "prog-scope-other";
    private const string OtherPair = "pair-other";

    [Fact]
    public async Task CalCom_TaggedForAnotherProgramsPair_DoesNotReachIt_ThroughItsOwnRouteItDoes()
    {
        await using var host = await WebhookHost.StartAsync(azurite);
        await OtherProgramAsync(host, "ana@fabrikam.example", "ben@fabrikam.example");
        var tagged = Booking($"Career chat [mentoring:{OtherPair}]", "stranger@outside.example", "Stranger");

        Assert.Equal(HttpStatusCode.Accepted, (await host.PostAsync(WebhookHost.Route("calcom"), tagged, "application/json", WebhookHost.Signed("calcom", tagged))).StatusCode);
        await host.DrainCalendarChangesAsync();

        Assert.Empty(await LedgerOfAsync(host, OtherProgram, OtherPair));
        Assert.Empty(await host.LedgerAsync());

        Assert.Equal(HttpStatusCode.Accepted, (await host.PostAsync(WebhookHost.Route("calcom", OtherProgram), tagged, "application/json", WebhookHost.Signed("calcom", tagged))).StatusCode);
        await host.DrainCalendarChangesAsync();

        Assert.Equal(ChangeKind.Scheduled, Assert.Single(await LedgerOfAsync(host, OtherProgram, OtherPair)).Kind);
    }

    [Fact]
    public async Task CalCom_SamePeopleInTwoPrograms_OnlyTheRoutesProgramGetsTheMeeting()
    {
        await using var host = await WebhookHost.StartAsync(azurite);
        await OtherProgramAsync(host, "maria.mentor@contoso.com", "tom.mentee@contoso.com");

        Assert.Equal(HttpStatusCode.Accepted, (await host.PostSignedAsync("calcom", "calcom/booking-created.json")).StatusCode);
        await host.DrainCalendarChangesAsync();

        Assert.Equal(ChangeKind.Scheduled, Assert.Single(await host.LedgerAsync()).Kind);
        Assert.Empty(await LedgerOfAsync(host, OtherProgram, OtherPair));
    }

    [Fact]
    public async Task CalCom_UnknownOrOddProgramRoute_RefusedAndNothingQueued()
    {
        await using var host = await WebhookHost.StartAsync(azurite);
        var body = Sample.Bytes("calcom/booking-created.json");

        foreach (var program in new[] { "no-such-program", "%00", "%2e%2e", "a%2Fb", "%E2%80%AE", new string('x', 3000) })
        {
            using var response = await host.PostAsync(WebhookHost.Route("calcom", program), body, "application/json", WebhookHost.Signed("calcom", body));

            // 404 from the endpoint or the router; Kestrel refuses a few targets (a NUL) with 400 before routing.
            Assert.True((int)response.StatusCode is 404 or 400, $"{program[..Math.Min(20, program.Length)]}: {(int)response.StatusCode}");
            if (response.Content.Headers.ContentLength > 0)
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(0, await host.CountAsync(QueueNames.CalendarChanges));
    }

    [Fact]
    public async Task Graph_NotificationForASubscriptionWeDoNotHold_Ignored()
    {
        await using var graph = await LoopbackServer.StartAsync((context, _) => LoopbackServer.Json(context, Sample.Text("graph/event-single.json")));
        await using var host = await WebhookHost.StartAsync(azurite, graph.BaseUri);

        Assert.Equal(HttpStatusCode.Accepted, (await host.PostAsync("webhooks/graph", Sample.Bytes("graph/notification.json"))).StatusCode);
        await host.DrainCalendarChangesAsync();

        Assert.Empty(await host.LedgerAsync());
        Assert.Empty(graph.Received);
        Assert.Equal(0, await host.CountAsync(QueueNames.PoisonOf(QueueNames.CalendarChanges)));
    }

    [Fact]
    public async Task Graph_AfterDisconnect_TheSubscriptionsNotificationsAreDropped()
    {
        await using var graph = await LoopbackServer.StartAsync((context, _) => LoopbackServer.Json(context, Sample.Text("graph/event-single.json")));
        await using var host = await WebhookHost.StartAsync(azurite, graph.BaseUri);
        var connection = await host.HoldGraphSubscriptionAsync();
        (await host.AdminAsync(HttpMethod.Delete, $"programs/{WebhookHost.ProgramId}/calendars/{connection.ConnectionId}")).EnsureSuccessStatusCode();
        var calls = graph.Received.Count;

        Assert.Equal(HttpStatusCode.Accepted, (await host.PostAsync("webhooks/graph", Sample.Bytes("graph/notification.json"))).StatusCode);
        await host.DrainCalendarChangesAsync();

        Assert.Empty(await host.LedgerAsync());
        Assert.Equal(calls, graph.Received.Count); // no GET of the event
    }

    [Fact]
    public async Task Graph_HeldSubscriptionOfAnotherProgram_WritesOnlyThere()
    {
        await using var graph = await LoopbackServer.StartAsync((context, _) => LoopbackServer.Json(context, Sample.Text("graph/event-single.json")));
        await using var host = await WebhookHost.StartAsync(azurite, graph.BaseUri);
        await OtherProgramAsync(host, "ana@fabrikam.example", "ben@fabrikam.example");
        await host.HoldGraphSubscriptionAsync(programId: OtherProgram);

        Assert.Equal(HttpStatusCode.Accepted, (await host.PostAsync("webhooks/graph", Sample.Bytes("graph/notification.json"))).StatusCode);
        await host.DrainCalendarChangesAsync();

        // The event is maria's and tom's meeting, but the subscription belongs to the other program, which has no such pair.
        Assert.Empty(await host.LedgerAsync());
        Assert.Empty(await LedgerOfAsync(host, OtherProgram, OtherPair));
    }

    /// <summary>A second program with one pair of its own.</summary>
    private static async Task OtherProgramAsync(WebhookHost host, string mentorEmail, string menteeEmail)
    {
        await host.SaveProgramAsync(OtherProgram);
        await host.Get<ParticipantStore>().SaveAsync(new ParticipantRecord(OtherProgram, "o-mentor", "Other Mentor", mentorEmail, "Europe/Paris"), default);
        await host.Get<ParticipantStore>().SaveAsync(new ParticipantRecord(OtherProgram, "o-mentee", "Other Mentee", menteeEmail, "Europe/Paris"), default);
        await host.Get<PairStore>().SaveAsync(new PairRecord(OtherProgram, OtherPair, "o-mentor", "o-mentee", new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero)), default);
        await ClearLedgerAsync(host, OtherProgram, OtherPair);
        host.Get<Mentoring.Application.Ingest.PairDirectory>().Invalidate();
        await host.DrainCalendarChangesAsync(); // the rematch the writes asked for
    }

    private static async Task ClearLedgerAsync(WebhookHost host, string programId, string pairId)
    {
        var table = host.Get<Azure.Data.Tables.TableServiceClient>().GetTableClient(TableNames.PairLogs);
        await foreach (var row in table.QueryAsync<Azure.Data.Tables.TableEntity>(Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey eq {Keys.PairLog(programId, pairId)}")))
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey);
    }

    private static async Task<IReadOnlyList<LedgerChange>> LedgerOfAsync(WebhookHost host, string programId, string pairId) =>
        (await host.Get<PairLogStore>().LoadAsync(Keys.PairLog(programId, pairId), default)).Ledger;

    /// <summary>A Cal.com BOOKING_CREATED (as Cal.com documents it) with this title and one attendee, organised by a stranger.</summary>
    private static byte[] Booking(string title, string attendeeEmail, string attendeeName) => Encoding.UTF8.GetBytes(
        Sample.Text("calcom/booking-created.json")
            .Replace("Mentoring session between Maria Mentor and Tom Mentee", title, StringComparison.Ordinal)
            .Replace("Maria.Mentor@contoso.com", "organiser@outside.example", StringComparison.Ordinal)
            .Replace("tom.mentee@contoso.com", attendeeEmail, StringComparison.Ordinal)
            .Replace("Tom Mentee", attendeeName, StringComparison.Ordinal));
}
