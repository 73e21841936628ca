using System.Net;
using System.Text.Json;
using Mentoring.Testing;

namespace Mentoring.Tests.Calendars;

/// <summary>
/// Payloads the providers document beyond the common ones (Cal.com's flat MEETING_ENDED and unmarked no-show, Zoom's
/// recurring meeting), signed and POSTed to the local host's webhook routes, read back as the admin reads them: the
/// pair's timeline.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class ProviderPayloadTests(AzuriteFixture azurite)
{
    private const string Booking = "calcom:bFJeNb2uX8ANpT3JL5EfXw";

    [Fact]
    public async Task CalCom_MeetingEndedAfterAReschedule_HeldAtItsEnd_AfterTheMove_WhichStays()
    {
        await using var host = await StartAsync();

        await DeliverAsync(host, "calcom", "calcom/booking-created.json", "calcom/booking-rescheduled.json", "calcom/meeting-ended-rescheduled.json");

        var timeline = await host.TimelineAsync();
        var meeting = Assert.Single(Meetings(timeline));
        Assert.Equal(Booking, meeting.GetProperty("meetingId").GetString());
        Assert.Equal(1, meeting.GetProperty("timesMoved").GetInt32());
        Assert.Equal(new DateTimeOffset(2025, 3, 25, 13, 0, 0, TimeSpan.Zero), meeting.GetProperty("start").GetDateTimeOffset());
        Assert.True(meeting.GetProperty("heldConfirmed").GetBoolean());
        var kinds = Ledger(timeline).Select(c => c.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["scheduled", "rescheduled", "held"], kinds);
        var held = Ledger(timeline).Single(c => c.GetProperty("kind").GetString() == "held");
        Assert.Equal(new DateTimeOffset(2025, 3, 25, 13, 45, 0, TimeSpan.Zero), held.GetProperty("changedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Zoom_MeetingEndedOfARecurringMeeting_ConfirmsTheBookingNearestInTime()
    {
        await using var host = await StartAsync();
        // Two bookings on one Zoom meeting id: Calendly's on 18 March, Cal.com's on 25 March (a personal link).
        await DeliverAsync(host, "calendly", "calendly/invitee-created.json");
        await DeliverAsync(host, "calcom", "calcom/booking-created-zoom.json");

        await DeliverAsync(host, "zoom", "zoom/meeting-ended-recurring.json"); // the 25 March instance

        var meetings = Meetings(await host.TimelineAsync()).ToDictionary(m => m.GetProperty("meetingId").GetString()!, m => m.GetProperty("heldConfirmed").GetBoolean());
        Assert.Equal(2, meetings.Count);
        Assert.True(meetings["calcom:zQ7wLmN4bR2sT9vX1yA3cE"]);
        Assert.False(Assert.Single(meetings, m => m.Key.StartsWith("calendly:", StringComparison.Ordinal)).Value);

        await DeliverAsync(host, "zoom", "zoom/meeting-ended.json"); // the 18 March instance, delivered late

        Assert.All(Meetings(await host.TimelineAsync()), m => Assert.True(m.GetProperty("heldConfirmed").GetBoolean()));
    }

    [Fact]
    public async Task CalCom_NoShowUnmarked_TheNoShowIsWithdrawn_TheMeetingCountsAsHeld()
    {
        await using var host = await StartAsync();
        await DeliverAsync(host, "calcom", "calcom/booking-created.json", "calcom/booking-no-show-updated.json");
        Assert.Equal("noShow", Assert.Single(Meetings(await host.TimelineAsync())).GetProperty("status").GetString());
        var marked = await host.TimelineAsync();

        await DeliverAsync(host, "calcom", "calcom/booking-no-show-unmarked.json");

        var timeline = await host.TimelineAsync();
        Assert.Equal("held", Assert.Single(Meetings(timeline)).GetProperty("status").GetString());
        Assert.Contains(Ledger(timeline), c => c.GetProperty("kind").GetString() == "noShowRetracted");
        Assert.True(timeline.GetProperty("score").GetInt32() >= marked.GetProperty("score").GetInt32());
    }

    private async Task<WebhookHost> StartAsync()
    {
        var host = await WebhookHost.StartAsync(azurite);
        await host.EnsureProgramAsync();
        return host;
    }

    private static async Task DeliverAsync(WebhookHost host, string provider, params string[] samples)
    {
        foreach (var sample in samples)
        {
            using var response = await host.PostSignedAsync(provider, sample);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            await host.DrainCalendarChangesAsync();
        }
    }

    private static List<JsonElement> Meetings(JsonElement timeline) => [.. timeline.GetProperty("meetings").EnumerateArray()];

    private static List<JsonElement> Ledger(JsonElement timeline) => [.. timeline.GetProperty("ledger").EnumerateArray()];
}
