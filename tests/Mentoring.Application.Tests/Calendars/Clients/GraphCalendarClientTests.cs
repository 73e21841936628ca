using Mentoring.Application.Ingest.Graph;
using Mentoring.Application.Ingest.Normalising;
using Mentoring.Engine.Ledger;
using Mentoring.Tests.Calendars.Support;
using Microsoft.Kiota.Abstractions.Authentication;

namespace Mentoring.Tests.Calendars.Clients;

/// <summary>The Microsoft.Graph SDK, for real, against a loopback server that answers as Graph documents.</summary>
public sealed class GraphCalendarClientTests
{
    private const string User = "9c8e6d1b-0f3b-4a1d-8a43-2c44b7e0a001";

    private static GraphCalendarClient Client(LoopbackServer server) =>
        GraphCalendarClient.Create(new Uri(server.BaseUri, "v1.0"), new AnonymousAuthenticationProvider());

    [Fact]
    public async Task GetEvent_SingleInstance_ScheduledWithSelectedFields()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => LoopbackServer.Json(context, Sample.Text("graph/event-single.json")));

        var graphEvent = await Client(server).GetEventAsync(User, "AAMkAGUwNjQ4ZjIxAAA=", CancellationToken.None);
        var change = Assert.Single(GraphEventNormaliser.Normalise(graphEvent!, Sample.Now).Observations);

        Assert.Equal(ChangeKind.Scheduled, change.Kind);
        Assert.Equal("graph:AAMkAGUwNjQ4ZjIxAAA=", change.MeetingId);
        Assert.Equal(DateTimeOffset.Parse("2025-03-18T13:00:00Z", null), change.Start);
        Assert.Contains("Tom.Mentee@contoso.com", change.Participants);
        var request = Assert.Single(server.Requests);
        Assert.Contains($"/v1.0/users/{User}/events/", request, StringComparison.Ordinal);
        Assert.Contains("cancelledOccurrences", request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetEvent_429WithRetryAfter_RetriedBySdkThenRead()
    {
        await using var server = await LoopbackServer.StartAsync(async (context, n) =>
        {
            if (n == 1)
            {
                context.Response.Headers.RetryAfter = "1";
                await LoopbackServer.Json(context, """{"error":{"code":"TooManyRequests","message":"Too many requests"}}""", 429);
                return;
            }

            await LoopbackServer.Json(context, Sample.Text("graph/event-single.json"));
        });

        var graphEvent = await Client(server).GetEventAsync(User, "AAMkAGUwNjQ4ZjIxAAA=", CancellationToken.None);

        Assert.Equal("AAMkAGUwNjQ4ZjIxAAA=", graphEvent!.Id);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task GetEvent_404_Null()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) =>
            LoopbackServer.Json(context, """{"error":{"code":"ErrorItemNotFound","message":"The specified object was not found in the store."}}""", 404));
        Assert.Null(await Client(server).GetEventAsync(User, "gone", CancellationToken.None));
    }

    [Fact]
    public async Task SeriesMaster_OneOccurrenceDeleted_CancellationOfThatOccurrence()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) =>
            LoopbackServer.Json(context, Sample.Text("graph/series-master-one-occurrence-deleted.json")));

        var master = await Client(server).GetEventAsync(User, "AAMkAGUwNjQ4ZjIxMST=", CancellationToken.None);
        var cancelled = Assert.Single(GraphEventNormaliser.Normalise(master!, Sample.Now).Observations);

        Assert.Equal(ChangeKind.Cancelled, cancelled.Kind);
        Assert.Equal("graph:AAMkAGUwNjQ4ZjIxMST=@20250408T130000Z", cancelled.MeetingId);
        Assert.Equal(DateTimeOffset.Parse("2025-04-08T13:00:00Z", null), cancelled.Start);
        Assert.Equal("graph:AAMkAGUwNjQ4ZjIxMST=", cancelled.SeriesKey);
    }

    [Fact]
    public async Task Delta_FollowsNextLinkToDeltaLink_EventsAndRemovedIds()
    {
        LoopbackServer? self = null;
        await using var server = await LoopbackServer.StartAsync((context, n) =>
        {
            var page = n == 1 ? "graph/delta-page1.json" : "graph/delta-page2.json";
            return LoopbackServer.Json(context, Sample.Text(page).Replace("{BASE}", new Uri(self!.BaseUri, "v1.0").ToString(), StringComparison.Ordinal));
        });
        self = server;

        var delta = await Client(server).DeltaAsync(User, Sample.Now.AddDays(-30), Sample.Now.AddDays(90), null, CancellationToken.None);

        Assert.Equal(2, delta.Events.Count);
        Assert.Equal(["AAMkAGUwNjQ4ZjIxBBB="], delta.RemovedIds);
        Assert.EndsWith("$deltatoken=R0usmci39OQxqJrxK4", delta.DeltaLink, StringComparison.Ordinal);
        Assert.Equal(2, server.Requests.Count);
        Assert.Contains("startDateTime=", server.Requests.First(), StringComparison.Ordinal);
        Assert.Contains("skiptoken", server.Requests.Last(), StringComparison.Ordinal);

        var moved = Assert.Single(GraphEventNormaliser.Normalise(delta.Events[1], Sample.Now).Observations);
        Assert.Equal(ChangeKind.Rescheduled, moved.Kind);
    }

    [Fact]
    public void Exception_MovedEarlier_RescheduledFromOriginalStart()
    {
        var moved = Assert.Single(GraphEventNormaliser.Normalise(GraphEventJson.TryRead(Sample.Bytes("graph/event-exception-moved-earlier.json"))!, Sample.Now).Observations);
        Assert.Equal(ChangeKind.Rescheduled, moved.Kind);
        Assert.Equal("graph:AAMkAGUwNjQ4ZjIxMST=@20250325T130000Z", moved.MeetingId);
        Assert.Equal(DateTimeOffset.Parse("2025-03-25T13:00:00Z", null), moved.PreviousStart);
        Assert.Equal(DateTimeOffset.Parse("2025-03-24T09:30:00Z", null), moved.Start);
        Assert.True(moved.Start < moved.PreviousStart);
    }

    [Fact]
    public void IsCancelled_Cancelled()
    {
        var cancelled = Assert.Single(GraphEventNormaliser.Normalise(GraphEventJson.TryRead(Sample.Bytes("graph/event-cancelled.json"))!, Sample.Now).Observations);
        Assert.Equal(ChangeKind.Cancelled, cancelled.Kind);
        Assert.Equal("maria.mentor@contoso.com", cancelled.ChangedByEmail);
    }

    [Fact]
    public void SameEventTwice_SameChangeId()
    {
        var first = GraphEventNormaliser.Normalise(GraphEventJson.TryRead(Sample.Bytes("graph/event-single.json"))!, Sample.Now);
        var again = GraphEventNormaliser.Normalise(GraphEventJson.TryRead(Sample.Bytes("graph/event-single.json"))!, Sample.Now.AddHours(1));
        Assert.Equal(first.Observations.Single().ToLedgerChange(null), again.Observations.Single().ToLedgerChange(null));
    }

    [Fact]
    public void MovedOccurrenceAndLaterDeletedOccurrence_DifferentMeetings()
    {
        var moved = GraphEventNormaliser.Normalise(GraphEventJson.TryRead(Sample.Bytes("graph/event-exception-moved-earlier.json"))!, Sample.Now);
        var master = GraphEventNormaliser.Normalise(GraphEventJson.TryRead(Sample.Bytes("graph/series-master-one-occurrence-deleted.json"))!, Sample.Now);
        Assert.NotEqual(moved.Observations.Single().MeetingId, master.Observations.Single().MeetingId);
        Assert.Equal(NormalisedStatus.Parsed, master.Status);
    }
}
