using System.Text;
using System.Text.Json;
using Mentoring.Application.Evaluation;
using Mentoring.Application.Ingest;
using Mentoring.Application.Ingest.Google;
using Mentoring.Application.Ingest.Graph;
using Mentoring.Application.Ingest.Normalising;
using Mentoring.Application.Links;
using Mentoring.Application.Storage;
using Mentoring.Engine.Booking;
using Mentoring.Engine.Ledger;
using Mentoring.Testing;
using Microsoft.AspNetCore.Http;

namespace Mentoring.Tests.Links;

/// <summary>
/// Issue 17 item 1's leftovers: a booked meeting that comes back through a connected calendar (Graph <c>iCalUId</c>,
/// Google <c>iCalUID</c>: the invitation's UID) is the same meeting in the ledger, its deletion too; and bookings made at
/// once for one pair book one meeting.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class BookingLedgerTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 10, 0, 0, TimeSpan.Zero); // a Wednesday
    private static readonly DateTimeOffset Start = new(2026, 3, 6, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task BookedMeeting_ReportedByGraphAndGoogle_IsTheSameMeeting_AndItsDeletionFindsIt()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, Now);
        await TestPrograms.SeedDriftingAsync(harness, "b-uid", 1, due: false);
        Assert.Equal(200, Status(await BookAsync(harness, "b-uid", "mentor", Start)));
        var uid = Assert.Single(BookedIds(await LedgerAsync(harness, "b-uid")));
        var ingest = harness.Get<LedgerIngest>();

        // The mentor accepted in Outlook: Graph reports the event under its own id, with our UID as iCalUId.
        var graphEvent = GraphEventJson.TryRead(Encoding.UTF8.GetBytes(GraphEvent("AAMkAGI1AAAbooked=", uid, Start)))!;
        await ingest.IngestAsync("graph-1", "graph", "b-uid", aliases => GraphEventNormaliser.Normalise(graphEvent, Now, aliases), default);
        // The mentee accepted in Google Calendar: an events.list item with iCalUID.
        using var googleItem = JsonDocument.Parse(GoogleEvent("7kq3booked", uid, Start));
        await ingest.IngestAsync("google-1", "google", "b-uid", aliases => GoogleEventNormaliser.Normalise(googleItem.RootElement, Now, aliases), default);

        var ledger = await LedgerAsync(harness, "b-uid");
        // Both reports are the same fact about the same meeting (same change id): the ledger keeps it once.
        Assert.Single(ledger, c => c.MeetingId == uid && c.Kind == ChangeKind.Scheduled && c.Source is "graph" or "google");
        Assert.DoesNotContain(ledger, c => c.MeetingId.StartsWith("graph:", StringComparison.Ordinal) || c.MeetingId.StartsWith("google:", StringComparison.Ordinal));

        // Deleted from Outlook later: the notification names only the Graph id, which the alias leads to the booking.
        await ingest.IngestAsync("graph-2", "graph", "b-uid", aliases => Normalised.Of([GraphEventNormaliser.Deleted("AAMkAGI1AAAbooked=", Now.AddHours(1), aliases)]), default);
        using var stub = JsonDocument.Parse("""{"kind":"calendar#event","etag":"\"3181161784712000\"","id":"7kq3booked","status":"cancelled"}""");
        await ingest.IngestAsync("google-2", "google", "b-uid", aliases => GoogleEventNormaliser.Normalise(stub.RootElement, Now.AddHours(1), aliases), default);

        ledger = await LedgerAsync(harness, "b-uid");
        Assert.Equal(2, ledger.Count(c => c.MeetingId == uid && c.Kind == ChangeKind.Cancelled && c.Removal));
        Assert.DoesNotContain(ledger, c => c.MeetingId.StartsWith("graph:", StringComparison.Ordinal) || c.MeetingId.StartsWith("google:", StringComparison.Ordinal));
    }

    [Fact]
    public void SomeoneElsesEvent_WithAUidLikeOurs_ButNotOurs_IsItsOwnMeeting()
    {
        var graphEvent = GraphEventJson.TryRead(Encoding.UTF8.GetBytes(GraphEvent("AAMk-other=", "mentoring-0011223344556677-20260306T1000Z-x@example.com", Start)))!;

        var observation = Assert.Single(GraphEventNormaliser.Normalise(graphEvent, Now).Observations);

        Assert.Equal("graph:AAMk-other=", observation.MeetingId);
        Assert.False(BookingIds.IsBooking(new string('m', 300) + "@" + BookingIds.Domain));
    }

    [Fact]
    public async Task BothPeopleBookAtOnce_OneMeeting_OneSetOfInvitations_TheOtherIsToldItIsBooked()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, Now);
        await TestPrograms.SeedDriftingAsync(harness, "b-race", 1, due: false);
        var invitationsBefore = Invitations(harness);

        var answers = await Task.WhenAll(
            BookAsync(harness, "b-race", "mentor", Start),
            BookAsync(harness, "b-race", "mentee", Start.AddHours(3)),
            BookAsync(harness, "b-race", "mentor", Start.AddDays(1)),
            BookAsync(harness, "b-race", "mentee", Start.AddDays(1).AddHours(2)));

        Assert.All(answers, a => Assert.Equal(200, Status(a)));
        await harness.DrainAsync(); // the invitations go through the outbox
        var uid = Assert.Single(BookedIds(await LedgerAsync(harness, "b-race")));
        Assert.Equal(2, Invitations(harness) - invitationsBefore);
        var statuses = answers.Select(a => JsonSerializer.Serialize((a as IValueHttpResult)?.Value)).ToList();
        Assert.Single(statuses, s => s.Contains("\"status\":\"booked\"", StringComparison.Ordinal));
        Assert.All(statuses.Where(s => !s.Contains("\"status\":\"booked\"", StringComparison.Ordinal)), s => Assert.Contains(uid, s, StringComparison.Ordinal));
    }

    private static Task<IResult> BookAsync(PipelineHarness harness, string programId, string who, DateTimeOffset start)
    {
        var token = harness.Get<LinkSigner>().Sign(new LinkClaims(LinkPurpose.Book, programId, "pair-000", "k-" + who, $"{who}:pair-000-{who}", Now.AddDays(30)));
        var form = "start=" + Uri.EscapeDataString(start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        var context = new DefaultHttpContext { RequestServices = harness.Services };
        context.Request.Method = "POST";
        context.Request.Path = "/api/book/" + token;
        context.Request.Headers.Accept = "application/json";
        var bytes = Encoding.UTF8.GetBytes(form);
        context.Request.ContentType = "application/x-www-form-urlencoded";
        context.Request.ContentLength = bytes.Length;
        context.Request.Body = new MemoryStream(bytes);
        return harness.Get<BookingHandler>().PostAsync(context);
    }

    private static async Task<IReadOnlyList<LedgerChange>> LedgerAsync(PipelineHarness harness, string programId) =>
        (await harness.Get<PairLogStore>().LoadAsync(Keys.PairLog(programId, "pair-000"), default)).Ledger;

    private static List<string> BookedIds(IEnumerable<LedgerChange> ledger) =>
        [.. ledger.Where(c => c.Source == ChangeSources.Booking).Select(c => c.MeetingId).Distinct(StringComparer.Ordinal)];

    private static int Invitations(PipelineHarness harness) =>
        harness.Emails().Count(e => e.Contains("X-Mentoring-Template: meeting-invitation", StringComparison.Ordinal));

    private static int Status(IResult result) => (result as IStatusCodeHttpResult)?.StatusCode ?? 200;

    /// <summary>An event as GET /users/{id}/events/{id} returns it (Graph v1.0), for an invitation accepted in Outlook.</summary>
    private static string GraphEvent(string id, string iCalUId, DateTimeOffset start) => $$"""
        {
          "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users('mentor%40test.example')/events/$entity",
          "id": "{{id}}",
          "createdDateTime": "2026-03-04T10:05:00.0000000Z",
          "lastModifiedDateTime": "2026-03-04T10:06:00.0000000Z",
          "iCalUId": "{{iCalUId}}",
          "subject": "Mentoring: Mentor & Mentee",
          "isCancelled": false,
          "isOrganizer": false,
          "type": "singleInstance",
          "seriesMasterId": null,
          "responseStatus": { "response": "accepted", "time": "2026-03-04T10:06:00Z" },
          "start": { "dateTime": "{{start.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fffffff}}", "timeZone": "UTC" },
          "end": { "dateTime": "{{start.UtcDateTime.AddHours(1):yyyy-MM-dd'T'HH:mm:ss.fffffff}}", "timeZone": "UTC" },
          "attendees": [
            { "type": "required", "status": { "response": "accepted", "time": "2026-03-04T10:06:00Z" }, "emailAddress": { "name": "Mentor", "address": "b-uid.pair-000.mentor@test.example" } },
            { "type": "required", "status": { "response": "none", "time": "0001-01-01T00:00:00Z" }, "emailAddress": { "name": "Mentee", "address": "b-uid.pair-000.mentee@test.example" } }
          ],
          "organizer": { "emailAddress": { "name": "Test program", "address": "admin@test.example" } }
        }
        """;

    /// <summary>An <c>events.list</c> item (Google Calendar API v3) for an invitation accepted in Google Calendar.</summary>
    private static string GoogleEvent(string id, string iCalUid, DateTimeOffset start) => $$"""
        {
          "kind": "calendar#event",
          "etag": "\"3181161784712000\"",
          "id": "{{id}}",
          "status": "confirmed",
          "created": "2026-03-04T10:05:00.000Z",
          "updated": "2026-03-04T10:07:00.000Z",
          "summary": "Mentoring: Mentor & Mentee",
          "organizer": { "email": "admin@test.example", "displayName": "Test program" },
          "start": { "dateTime": "{{start.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss}}Z" },
          "end": { "dateTime": "{{start.UtcDateTime.AddHours(1):yyyy-MM-dd'T'HH:mm:ss}}Z" },
          "iCalUID": "{{iCalUid}}",
          "sequence": 0,
          "attendees": [
            { "email": "b-uid.pair-000.mentor@test.example", "responseStatus": "needsAction" },
            { "email": "b-uid.pair-000.mentee@test.example", "self": true, "responseStatus": "accepted" }
          ]
        }
        """;
}
