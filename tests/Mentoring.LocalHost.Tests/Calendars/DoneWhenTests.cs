using System.Net;
using System.Text;
using System.Text.Json;
using Mentoring.Application.Ingest;
using Mentoring.Application.Ingest.Connections;
using Mentoring.Application.Queues;
using Mentoring.Engine.Ledger;
using Mentoring.Testing;
using Mentoring.Tests.Calendars.Support;
using Microsoft.AspNetCore.Http;

namespace Mentoring.Tests.Calendars;

/// <summary>
/// For each provider: a documented-shape payload, signed as the provider signs it, POSTed to the local host (Kestrel on
/// 127.0.0.1), ends as the right ledger change for the right pair once the calendar-changes handler has run.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class DoneWhenTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task CalCom_CreatedThenRescheduled_OneMeetingMovedAndNewBookingLinked()
    {
        await using var host = await WebhookHost.StartAsync(azurite);

        Assert.Equal(HttpStatusCode.Accepted, (await host.PostSignedAsync("calcom", "calcom/booking-created.json")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await host.PostSignedAsync("calcom", "calcom/booking-rescheduled.json")).StatusCode);
        await host.DrainCalendarChangesAsync();

        var ledger = await host.LedgerAsync();
        var scheduled = Assert.Single(ledger, c => c.Kind == ChangeKind.Scheduled);
        var moved = Assert.Single(ledger, c => c.Kind == ChangeKind.Rescheduled);
        Assert.Equal("calcom:bFJeNb2uX8ANpT3JL5EfXw", moved.MeetingId);
        Assert.Equal(scheduled.MeetingId, moved.MeetingId);
        Assert.Equal(Party.Mentee, moved.ChangedBy);
        var aliases = await host.Get<MeetingStore>().LoadAliasesAsync(["calcom:9d1cQmZk2PqRm7VvWq3xYz"], default);
        Assert.Equal("calcom:bFJeNb2uX8ANpT3JL5EfXw", aliases["calcom:9d1cQmZk2PqRm7VvWq3xYz"]);
        Assert.Equal(0, await host.CountAsync(QueueNames.PoisonOf(QueueNames.CalendarChanges)));
        Assert.True(await host.CountAsync(QueueNames.PairEvaluations) > 0);
    }

    [Fact]
    public async Task Calendly_RescheduleAsCancelPlusCreate_OneRescheduleNoCancellation()
    {
        await using var host = await WebhookHost.StartAsync(azurite);

        foreach (var sample in new[] { "calendly/invitee-created.json", "calendly/invitee-canceled-rescheduled.json", "calendly/invitee-created-rescheduled.json" })
        {
            Assert.Equal(HttpStatusCode.Accepted, (await host.PostSignedAsync("calendly", sample)).StatusCode);
            await host.DrainCalendarChangesAsync();
        }

        var ledger = await host.LedgerAsync();
        Assert.DoesNotContain(ledger, c => c.Kind == ChangeKind.Cancelled);
        var moved = Assert.Single(ledger, c => c.Kind == ChangeKind.Rescheduled);
        Assert.Equal(new DateTimeOffset(2025, 3, 27, 10, 0, 0, TimeSpan.Zero), moved.Start);
        Assert.Equal(Assert.Single(ledger, c => c.Kind == ChangeKind.Scheduled).MeetingId, moved.MeetingId);
    }

    [Fact]
    public async Task Zoom_UrlValidation_AnsweredAsDocumented_AndMeetingEnded_IsHeldForTheBookedMeeting()
    {
        await using var host = await WebhookHost.StartAsync(azurite);

        using var validation = await host.PostSignedAsync("zoom", "zoom/url-validation.json");
        Assert.Equal(HttpStatusCode.OK, validation.StatusCode);
        Assert.Equal("application/json", validation.Content.Headers.ContentType?.MediaType);
        using var answer = JsonDocument.Parse(await validation.Content.ReadAsStringAsync());
        Assert.Equal("qgg8vlvZRS6UYooatFL8Aw", answer.RootElement.GetProperty("plainToken").GetString());
        Assert.Equal(Sample.HexHmac(WebhookHost.ZoomSecret, Encoding.UTF8.GetBytes("qgg8vlvZRS6UYooatFL8Aw")), answer.RootElement.GetProperty("encryptedToken").GetString());
        Assert.Equal(0, await host.CountAsync(QueueNames.CalendarChanges));

        await host.PostSignedAsync("calendly", "calendly/invitee-created.json"); // carries the Zoom join URL
        await host.DrainCalendarChangesAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await host.PostSignedAsync("zoom", "zoom/meeting-ended.json")).StatusCode);
        await host.DrainCalendarChangesAsync();

        var ledger = await host.LedgerAsync();
        var held = Assert.Single(ledger, c => c.Kind == ChangeKind.Held);
        Assert.Equal(Assert.Single(ledger, c => c.Kind == ChangeKind.Scheduled).MeetingId, held.MeetingId);
        Assert.Equal("zoom", held.Source);
    }

    [Fact]
    public async Task Graph_ValidationToken_EchoedAsPlainText()
    {
        await using var host = await WebhookHost.StartAsync(azurite);

        using var response = await host.PostAsync("webhooks/graph?validationToken=Validation%3A%20Testing%20client%20application%20reachability", [], "text/plain");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Validation: Testing client application reachability", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await host.CountAsync(QueueNames.CalendarChanges));
    }

    [Fact]
    public async Task Graph_Notification_FetchesTheEventThroughTheSdk_Scheduled()
    {
        await using var graph = await GraphApiAsync();
        await using var host = await WebhookHost.StartAsync(azurite, graph.BaseUri);
        await host.HoldGraphSubscriptionAsync();

        using var response = await host.PostAsync("webhooks/graph", Sample.Bytes("graph/notification.json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await host.DrainCalendarChangesAsync();

        var change = Assert.Single(await host.LedgerAsync());
        Assert.Equal(ChangeKind.Scheduled, change.Kind);
        Assert.Equal("graph:AAMkAGUwNjQ4ZjIxAAA=", change.MeetingId);
        Assert.Contains(graph.Requests, r => r.Contains("/users/9c8e6d1b-0f3b-4a1d-8a43-2c44b7e0a001/events/", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(0, await host.CountAsync(QueueNames.PoisonOf(QueueNames.CalendarChanges)));
    }

    [Fact]
    public async Task Graph_SeriesMasterUpdatedAfterAnOccurrenceWasDeleted_Cancellation()
    {
        await using var graph = await GraphApiAsync();
        await using var host = await WebhookHost.StartAsync(azurite, graph.BaseUri);
        await host.HoldGraphSubscriptionAsync();
        var notification = Sample.Text("graph/notification.json").Replace("AAMkAGUwNjQ4ZjIxAAA=", "AAMkAGUwNjQ4ZjIxMST=", StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Accepted, (await host.PostAsync("webhooks/graph", Encoding.UTF8.GetBytes(notification))).StatusCode);
        await host.DrainCalendarChangesAsync();

        var cancelled = Assert.Single(await host.LedgerAsync());
        Assert.Equal(ChangeKind.Cancelled, cancelled.Kind);
        Assert.Equal("graph:AAMkAGUwNjQ4ZjIxMST=@20250408T130000Z", cancelled.MeetingId);
        Assert.Equal(new DateTimeOffset(2025, 4, 8, 13, 0, 0, TimeSpan.Zero), cancelled.Start);
    }

    [Fact]
    public async Task Google_Push_RunsEventsListWithTheSyncToken_AndKeepsTheNextOne()
    {
        await using var google = await LoopbackServer.StartAsync((context, _) =>
            context.Request.Query.ContainsKey("pageToken")
                ? LoopbackServer.Json(context, Sample.Text("google/events-page2.json"))
                : LoopbackServer.Json(context, Sample.Text("google/events-page1.json")));
        await using var host = await WebhookHost.StartAsync(azurite, google.BaseUri);
        var connections = host.Get<ConnectionStore>();
        await connections.SaveAsync(new CalendarConnection(CalendarConnection.Google, "google-maria", WebhookHost.ProgramId, "p-maria", null, "maria.mentor@contoso.com", SubscriptionId: "chan-1", Cursor: "saved-token"), default);

        using var response = await host.PostAsync("webhooks/google", [], "text/plain",
            ("X-Goog-Channel-ID", "chan-1"), ("X-Goog-Channel-Token", WebhookHost.GoogleToken), ("X-Goog-Resource-State", "exists"), ("X-Goog-Message-Number", "2"), ("X-Goog-Resource-ID", "res-1"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await host.DrainCalendarChangesAsync();

        Assert.Contains(google.Requests, r => r.Contains("syncToken=saved-token", StringComparison.Ordinal));
        Assert.NotEmpty(await host.LedgerAsync());
        Assert.All(await host.LedgerAsync(), c => Assert.Equal("google", c.Source));
        Assert.Equal("CPDAlvWDx70CEPDAlvWDx70CGAU=", (await connections.GetAsync(CalendarConnection.Google, "google-maria", default))!.Cursor);
    }

    /// <summary>Graph's events API on loopback: GET …/users/{id}/events/{id} answers the sample event with that id.</summary>
    private static Task<LoopbackServer> GraphApiAsync()
    {
        var events = Sample.All("graph").Where(s => s.Contains("/event-", StringComparison.Ordinal) || s.Contains("series-master", StringComparison.Ordinal))
            .Select(Sample.Text)
            .ToDictionary(text => JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!, text => text, StringComparer.Ordinal);
        return LoopbackServer.StartAsync((context, _) =>
        {
            var id = Uri.UnescapeDataString(context.Request.Path.Value!.Split('/')[^1]);
            return events.TryGetValue(id, out var body)
                ? LoopbackServer.Json(context, body)
                : LoopbackServer.Json(context, """{"error":{"code":"ErrorItemNotFound","message":"The specified object was not found in the store."}}""", StatusCodes.Status404NotFound);
        });
    }
}
