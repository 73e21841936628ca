using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Mentoring.Application.Evaluation;
using Mentoring.Application.Ingest;
using Mentoring.Application.Queues;
using Mentoring.Application.Storage;
using Mentoring.Testing;
using Mentoring.Tests.Calendars;
using Mentoring.Tests.Calendars.Support;

namespace Mentoring.Tests.Privacy;

/// <summary>
/// A raw webhook body carries attendees' addresses and names: it waits in <c>calendar-changes</c> (and, when it is not
/// usable, in its poison queue) for at most <see cref="QueueNames.RawDeliveryLifetime"/>, never indefinitely; erasing a
/// person deletes the parked bodies and the unmatched observations that carry their address, and the free text of
/// their pairs (pause, end and cancellation reasons).
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class ErasedCalendarDataTests(AzuriteFixture azurite)
{
    private const string Ines = "ines.erased@example.com";
    private const string Participants = $"programs/{WebhookHost.ProgramId}/participants";

    [Fact]
    public async Task SignedDelivery_WaitsInTheQueueWithATimeToLive()
    {
        await using var host = await WebhookHost.StartAsync(azurite);

        Assert.Equal(HttpStatusCode.Accepted, (await host.PostSignedAsync("calcom", "calcom/booking-created.json")).StatusCode);

        var queued = Assert.Single((await host.Get<QueueServiceClient>().GetQueueClient(QueueNames.CalendarChanges).PeekMessagesAsync(32)).Value);
        AssertLivesFor(QueueNames.RawDeliveryLifetime, queued.InsertedOn, queued.ExpiresOn);
    }

    [Fact]
    public async Task DeliveryThatFailsItsLastTry_ParkedInPoisonWithATimeToLive()
    {
        // Graph answers 400 to the event GET (not retried by the SDK): the delivery fails, and the pump (one try here) parks it.
        await using var graph = await LoopbackServer.StartAsync((context, _) => LoopbackServer.Json(context, "{\"error\":{\"code\":\"BadRequest\",\"message\":\"no\"}}", 400));
        await using var host = await WebhookHost.StartAsync(azurite, graph.BaseUri);
        await host.HoldGraphSubscriptionAsync();

        Assert.Equal(HttpStatusCode.Accepted, (await host.PostAsync("webhooks/graph", Sample.Bytes("graph/notification.json"))).StatusCode);
        await host.DrainCalendarChangesAsync();

        var parked = Assert.Single((await Poison(host).PeekMessagesAsync(32)).Value);
        AssertLivesFor(QueueNames.RawDeliveryLifetime, parked.InsertedOn, parked.ExpiresOn);
    }

    [Fact]
    public async Task Erase_DeletesTheirParkedBodiesAndUnmatchedObservations_KeepsOthers()
    {
        await using var host = await WebhookHost.StartAsync(azurite);
        var (ines, _) = await AddInesAsync(host);

        // Two deliveries queued by a version without program routes: the handler parks both (no program to match in).
        await QueueUnscopedAsync(host, Booking(Ines, "Ines Erased"));
        await QueueUnscopedAsync(host, Booking("someone.else@example.com", "Someone Else"));
        // One through the program's route, between ines and someone outside any pair: kept unmatched.
        var unmatched = Booking(Ines, "Ines Erased", uid: "unmatched-uid-1");
        Assert.Equal(HttpStatusCode.Accepted, (await host.PostAsync(WebhookHost.Route("calcom"), unmatched, "application/json", WebhookHost.Signed("calcom", unmatched))).StatusCode);
        await host.DrainCalendarChangesAsync();
        Assert.Equal(2, await host.CountAsync(QueueNames.PoisonOf(QueueNames.CalendarChanges)));
        Assert.Contains(await KeptAsync(host), o => o.Participants.Contains(Ines, StringComparer.OrdinalIgnoreCase));

        var erased = await JsonAsync(await host.AdminAsync(HttpMethod.Delete, $"{Participants}/{ines}"));

        Assert.Equal(1, erased.GetProperty("parkedDeliveriesDeleted").GetInt32());
        Assert.Equal(1, erased.GetProperty("unmatchedObservationsDeleted").GetInt32());
        var left = Assert.Single((await Poison(host).PeekMessagesAsync(32)).Value);
        Assert.DoesNotContain(Ines, Decoded(left.Body.ToString()), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("someone.else@example.com", Decoded(left.Body.ToString()), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(await KeptAsync(host), o => o.Participants.Contains(Ines, StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Erase_TheirPairsFreeTextGoes_PauseAndCancellationReasons()
    {
        await using var host = await WebhookHost.StartAsync(azurite);
        var (ines, pairId) = await AddInesAsync(host);
        var pair = $"programs/{WebhookHost.ProgramId}/pairs/{pairId}";
        (await host.AdminAsync(HttpMethod.Post, $"{pair}/meetings", new { start = "2025-03-20T10:00:00Z", outcome = "cancelled", reason = "Ines is in hospital for her surgery" })).EnsureSuccessStatusCode();
        (await host.AdminAsync(HttpMethod.Post, $"{pair}/pause", new { reason = "Ines is on sick leave until May" })).EnsureSuccessStatusCode();
        Assert.Contains((await host.TimelineAsync(pairId)).GetProperty("ledger").EnumerateArray(), c => c.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String);

        var erased = await JsonAsync(await host.AdminAsync(HttpMethod.Delete, $"{Participants}/{ines}"));

        Assert.Equal(1, erased.GetProperty("reasonsErased").GetInt32());
        var row = (await host.Get<TableServiceClient>().GetTableClient(TableNames.Pairs).GetEntityAsync<TableEntity>(Keys.Encode(WebhookHost.ProgramId), Keys.Encode(pairId))).Value;
        Assert.Null(row.GetString("PauseReason"));
        Assert.Null(row.GetString("EndReason"));
        var ledger = (await host.Get<PairLogStore>().LoadAsync(Keys.PairLog(WebhookHost.ProgramId, pairId), default)).Ledger;
        Assert.NotEmpty(ledger);
        Assert.All(ledger, c => Assert.Null(c.Reason));
    }

    private static void AssertLivesFor(TimeSpan lifetime, DateTimeOffset? insertedOn, DateTimeOffset? expiresOn)
    {
        Assert.NotNull(expiresOn);
        Assert.InRange(expiresOn!.Value - insertedOn!.Value, lifetime - TimeSpan.FromMinutes(1), lifetime + TimeSpan.FromMinutes(1));
    }

    private static QueueClient Poison(WebhookHost host) =>
        host.Get<QueueServiceClient>().GetQueueClient(QueueNames.PoisonOf(QueueNames.CalendarChanges));

    /// <summary>Ines (a new participant id each run: the Azurite is shared) in a new pair with maria.</summary>
    private static async Task<(string Participant, string Pair)> AddInesAsync(WebhookHost host)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var (participant, pair) = ($"p-ines-{run}", $"pair-ines-{run}");
        await host.EnsureProgramAsync();
        (await host.AdminAsync(HttpMethod.Put, $"{Participants}/{participant}", new { name = "Ines Erased", email = Ines, role = "mentee", timeZone = "Europe/Lisbon" })).EnsureSuccessStatusCode();
        (await host.AdminAsync(HttpMethod.Post, $"programs/{WebhookHost.ProgramId}/pairs", new { id = pair, mentorId = "p-maria", menteeId = participant })).EnsureSuccessStatusCode();
        await host.DrainCalendarChangesAsync(); // the rematch the writes asked for
        return (participant, pair);
    }

    /// <summary>A delivery as a version before program routes queued it: no program.</summary>
    private static async Task QueueUnscopedAsync(WebhookHost host, byte[] body)
    {
        var delivery = new CalendarDelivery("calcom-old-" + Guid.NewGuid().ToString("N"), "calcom", TimeProvider.System.GetUtcNow(), Convert.ToBase64String(body));
        await host.Get<MessageQueues>().SendRawAsync(QueueNames.CalendarChanges, QueueJson.SerializeOrNull(delivery)!, default);
    }

    private static async Task<List<Mentoring.Application.Ingest.Normalising.CalendarObservation>> KeptAsync(WebhookHost host) =>
        [.. (await host.Get<MeetingStore>().KeptUnmatchedAsync(default)).Select(k => k.Observation)];

    /// <summary>A parked delivery's text with its base64 body decoded.</summary>
    private static string Decoded(string message) =>
        message + Encoding.UTF8.GetString(Convert.FromBase64String(JsonDocument.Parse(message).RootElement.GetProperty("body").GetString()!));

    /// <summary>A Cal.com BOOKING_CREATED (as Cal.com documents it) organised by someone outside every pair, with one attendee.</summary>
    private static byte[] Booking(string attendeeEmail, string attendeeName, string uid = "bFJeNb2uX8ANpT3JL5EfXw") => Encoding.UTF8.GetBytes(
        Sample.Text("calcom/booking-created.json")
            .Replace("Maria.Mentor@contoso.com", "organiser@outside.example", StringComparison.Ordinal)
            .Replace("tom.mentee@contoso.com", attendeeEmail, StringComparison.Ordinal)
            .Replace("Tom Mentee", attendeeName, StringComparison.Ordinal)
            .Replace("bFJeNb2uX8ANpT3JL5EfXw", uid, StringComparison.Ordinal));

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
