using System.Net;
using System.Text;
using System.Text.Json;
using Mentoring.Application.Ingest.Connections;
using Mentoring.Testing;
using Mentoring.Tests.Calendars.Support;

namespace Mentoring.Tests.Calendars;

/// <summary>
/// Nothing a provider delivered is lost because its pair was not known yet: a delivery for a pair created a moment ago
/// matches it (the cached pairs are dropped on the write), and one that arrives before its pair is kept and matched
/// when the pair is created, through the real webhook routes and the admin API, read back on the pair's timeline.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class UnmatchedDeliveryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task CalCom_BookingForAPairCreatedAMomentAgo_IsOnItsTimeline()
    {
        await using var host = await StartAsync();
        await DeliverAsync(host, "calcom", Sample.Bytes("calcom/booking-created.json")); // the pairs are read and cached
        var pair = await CreatePairAsync(host);

        await DeliverAsync(host, "calcom", pair.Booking(Sample.Text("calcom/booking-created.json")));

        var meeting = Assert.Single(Meetings(await host.TimelineAsync(pair.Id)));
        Assert.Equal("calcom:" + pair.Suffix, meeting.GetProperty("meetingId").GetString());
    }

    [Fact]
    public async Task Calendly_BookingBeforeItsPairExists_KeptAndMatchedWhenThePairIsCreated_TheRetryStaysARepeat()
    {
        await using var host = await StartAsync();
        var pair = NewPair();
        var booking = pair.Booking(Sample.Text("calendly/invitee-created.json"));
        await DeliverAsync(host, "calendly", booking);
        using (var retry = await host.PostAsync(WebhookHost.Route("calendly"), booking, "application/json", WebhookHost.Signed("calendly", booking)))
            Assert.Equal(HttpStatusCode.OK, retry.StatusCode); // a replay: nothing enqueued twice

        await CreatePairAsync(host, pair);
        await host.DrainCalendarChangesAsync();

        var meeting = Assert.Single(Meetings(await host.TimelineAsync(pair.Id)));
        Assert.StartsWith("calendly:", meeting.GetProperty("meetingId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Google_EventOfAPairNotCreatedYet_KeptAndMatchedWhenThePairIsCreated()
    {
        var pair = NewPair();
        var events = Sample.Text("google/events-page1.json")
            .Replace("Mentoring [mentoring:pair-42]", "Mentoring", StringComparison.Ordinal)
            .Replace("\"nextPageToken\": \"CigKGjVxZ2NhcjE0bGU1N2Rr\"", "\"nextSyncToken\": \"CPDAlvWDx70CEPDAlvWDx70CGAU=\"", StringComparison.Ordinal)
            .Replace("maria.mentor@contoso.com", pair.MentorEmail, StringComparison.Ordinal)
            .Replace("tom.mentee@contoso.com", pair.MenteeEmail, StringComparison.Ordinal);
        await using var google = await LoopbackServer.StartAsync((context, _) => LoopbackServer.Json(context, events));
        await using var host = await WebhookHost.StartAsync(azurite, google.BaseUri);
        await host.EnsureProgramAsync();
        var channel = "chan-" + pair.Suffix;
        await host.Get<ConnectionStore>().SaveAsync(
            new CalendarConnection(CalendarConnection.Google, "google-" + pair.Suffix, WebhookHost.ProgramId, "p-maria", null, pair.MentorEmail, SubscriptionId: channel, Cursor: "saved-token"), default);

        using (var push = await host.PostAsync("webhooks/google", [], "text/plain",
            ("X-Goog-Channel-ID", channel), ("X-Goog-Channel-Token", WebhookHost.GoogleToken), ("X-Goog-Resource-State", "exists"), ("X-Goog-Message-Number", "2"), ("X-Goog-Resource-ID", "res-1")))
            Assert.Equal(HttpStatusCode.Accepted, push.StatusCode);
        await host.DrainCalendarChangesAsync();
        Assert.Contains(google.Requests, r => r.Contains("syncToken=saved-token", StringComparison.Ordinal)); // read once: the next sync starts after it

        await CreatePairAsync(host, pair);
        await host.DrainCalendarChangesAsync();

        var meeting = Assert.Single(Meetings(await host.TimelineAsync(pair.Id)));
        Assert.Equal("google:5qgcar14le57dkf0l6b2hba1mo", meeting.GetProperty("meetingId").GetString());
    }

    private async Task<WebhookHost> StartAsync()
    {
        var host = await WebhookHost.StartAsync(azurite);
        await host.EnsureProgramAsync();
        return host;
    }

    /// <summary>A pair of two new people (the fixture's storage is shared: every run its own ids and addresses).</summary>
    private static NewPairPeople NewPair() => new(Guid.NewGuid().ToString("N")[..12]);

    private static async Task<NewPairPeople> CreatePairAsync(WebhookHost host, NewPairPeople? pair = null)
    {
        pair ??= NewPair();
        var program = $"programs/{WebhookHost.ProgramId}";
        (await host.AdminAsync(HttpMethod.Put, $"{program}/participants/{pair.MentorId}", new { name = "Mentor " + pair.Suffix, email = pair.MentorEmail, role = "mentor", timeZone = "Europe/Amsterdam" })).EnsureSuccessStatusCode();
        (await host.AdminAsync(HttpMethod.Put, $"{program}/participants/{pair.MenteeId}", new { name = "Mentee " + pair.Suffix, email = pair.MenteeEmail, role = "mentee", timeZone = "Europe/London" })).EnsureSuccessStatusCode();
        (await host.AdminAsync(HttpMethod.Post, $"{program}/pairs", new { id = pair.Id, mentorId = pair.MentorId, menteeId = pair.MenteeId, startedAt = "2025-03-01T00:00:00Z" })).EnsureSuccessStatusCode();
        return pair;
    }

    private static async Task DeliverAsync(WebhookHost host, string provider, byte[] body)
    {
        using var response = await host.PostAsync(WebhookHost.Route(provider), body, "application/json", WebhookHost.Signed(provider, body));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await host.DrainCalendarChangesAsync();
    }

    private static List<JsonElement> Meetings(JsonElement timeline) => [.. timeline.GetProperty("meetings").EnumerateArray()];

    private sealed record NewPairPeople(string Suffix)
    {
        public string Id => "pair-" + Suffix;

        public string MentorId => "mentor-" + Suffix;

        public string MenteeId => "mentee-" + Suffix;

        public string MentorEmail => $"mentor.{Suffix}@contoso.com";

        public string MenteeEmail => $"mentee.{Suffix}@contoso.com";

        /// <summary>A sample booking between this pair's people, with ids of its own.</summary>
        public byte[] Booking(string sample) => Encoding.UTF8.GetBytes(sample
            .Replace("maria.mentor@contoso.com", MentorEmail, StringComparison.OrdinalIgnoreCase)
            .Replace("tom.mentee@contoso.com", MenteeEmail, StringComparison.OrdinalIgnoreCase)
            .Replace("bFJeNb2uX8ANpT3JL5EfXw", Suffix, StringComparison.Ordinal)
            .Replace("INV1AAAAAAAAAAAA", "INV" + Suffix, StringComparison.Ordinal)
            .Replace("EVT1AAAAAAAAAAAA", "EVT" + Suffix, StringComparison.Ordinal));
    }
}
