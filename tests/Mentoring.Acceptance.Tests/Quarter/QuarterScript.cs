using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mentoring.Acceptance.Tests.World;

namespace Mentoring.Acceptance.Tests.Quarter;

/// <summary>What happens in the program's quarter, in order, and what the test does as its people, providers and admin.</summary>
public sealed partial class QuarterPlay
{
    public static readonly DateTimeOffset CheckInAt = new(2027, 2, 1, 15, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset CrunchWeek = new(2027, 3, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset End = new(2027, 4, 7, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Meetings the admin logged, by pair: the instant each one started.</summary>
    public static readonly DateTimeOffset LoggedMeeting = new(2027, 1, 12, 6, 0, 0, TimeSpan.Zero);

    private readonly HashSet<string> _linksFollowed = new(StringComparer.Ordinal);

    /// <summary>Every check-in and unsubscribe link in every email, followed (GET, as a person clicking it) when it arrived.</summary>
    internal Dictionary<string, int> LinkStatuses { get; } = new(StringComparer.Ordinal);

    internal int? CheckInStatus { get; private set; }

    internal DateTimeOffset? UnsubscribedAt { get; private set; }

    internal int? UnsubscribeStatus { get; private set; }

    /// <summary>The template of the email whose one-click unsubscribe was used: its kind is what stopped.</summary>
    internal string? UnsubscribedFrom { get; private set; }

    internal Dictionary<string, JsonElement> Timelines { get; } = new(StringComparer.Ordinal);

    internal JsonElement? ValueReminderPreview { get; private set; }

    internal Dictionary<string, int> WebhookStatuses { get; } = new(StringComparer.Ordinal);

    private CalendarProviders Providers => _providers ?? throw new InvalidOperationException("The providers have not started.");

    private async Task PlayAsync()
    {
        // Before launch: the calendars are connected and the first meetings booked, each through its own door.
        await AdvanceToAsync(new DateTimeOffset(2027, 1, 5, 9, 0, 0, TimeSpan.Zero));
        await ConnectCalendarsAsync();
        await AdvanceToAsync(new DateTimeOffset(2027, 1, 6, 9, 0, 0, TimeSpan.Zero));
        await CalComAsync("p01", "BOOKING_CREATED", "calcom-b1", new DateTimeOffset(2027, 1, 14, 9, 0, 0, TimeSpan.Zero));
        await CalendlyCreatedAsync("p02", "c1", new DateTimeOffset(2027, 1, 15, 13, 0, 0, TimeSpan.Zero));

        // Launch week: the admin logs four meetings held on Tuesday — two of them, of different pairs, at the same instant.
        await AdvanceToAsync(new DateTimeOffset(2027, 1, 12, 18, 0, 0, TimeSpan.Zero));
        await LogMeetingAsync("p05", new DateTimeOffset(2027, 1, 12, 15, 0, 0, TimeSpan.Zero), "held");
        await LogMeetingAsync("p08", new DateTimeOffset(2027, 1, 12, 5, 0, 0, TimeSpan.Zero), "held");
        await LogMeetingAsync("p09", LoggedMeeting, "held");
        await LogMeetingAsync("p10", LoggedMeeting, "held");
        await Host.Clock.SettleAsync(TimeSpan.FromMinutes(1));
        await AdvanceToAsync(new DateTimeOffset(2027, 1, 14, 12, 0, 0, TimeSpan.Zero));
        await CalComAsync("p01", "MEETING_ENDED", "calcom-b1", new DateTimeOffset(2027, 1, 14, 9, 0, 0, TimeSpan.Zero));

        // p07 never meets: its mentee unsubscribes from the first nudge she gets.
        await AdvanceToAsync(new DateTimeOffset(2027, 1, 26, 12, 0, 0, TimeSpan.Zero));
        await UnsubscribeAsync(AcmeProgram.PairNamed("p07").Mentee);

        // p06 never books either; after the value reminder, its mentor says "we met" through the email's link.
        await AdvanceToAsync(CheckInAt);
        await CheckInAsync(AcmeProgram.PairNamed("p06").Mentor);
        ValueReminderPreview = await AdminAsync(HttpMethod.Get, $"programs/{AcmeProgram.Id}/previews/ladder-value-reminder?pairId=p07");

        // Mid-February: four pairs book their next meetings for the first week of March.
        await AdvanceToAsync(new DateTimeOffset(2027, 2, 15, 9, 0, 0, TimeSpan.Zero));
        await CalComAsync("p01", "BOOKING_CREATED", "calcom-b2", new DateTimeOffset(2027, 3, 3, 9, 0, 0, TimeSpan.Zero));
        await CalendlyCreatedAsync("p02", "c2", new DateTimeOffset(2027, 3, 4, 13, 0, 0, TimeSpan.Zero));
        await GraphAsync("g2", new DateTimeOffset(2027, 3, 3, 9, 0, 0, TimeSpan.Zero), cancelled: false);

        // Deadline season: in the first days of March four of the ten pairs postpone or cancel (40 %).
        await AdvanceToAsync(CrunchWeek.AddHours(9));
        await CalComRescheduleAsync("p01", "calcom-b2", "calcom-b3", new DateTimeOffset(2027, 3, 3, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 3, 17, 9, 0, 0, TimeSpan.Zero));
        await CalendlyCanceledAsync("p02", "c2", new DateTimeOffset(2027, 3, 4, 13, 0, 0, TimeSpan.Zero));
        await GraphAsync("g2", new DateTimeOffset(2027, 3, 3, 9, 0, 0, TimeSpan.Zero), cancelled: true);
        await LogMeetingAsync("p08", new DateTimeOffset(2027, 3, 2, 5, 0, 0, TimeSpan.Zero), "cancelled", "p08-march", "deadline");
        await Host.Clock.SettleAsync(TimeSpan.FromMinutes(1));

        await AdvanceToAsync(End);
        foreach (var pair in AcmeProgram.Pairs)
            Timelines[pair.Id] = await AdminAsync(HttpMethod.Get, $"programs/{AcmeProgram.Id}/pairs/{pair.Id}/timeline");
    }

    private async Task ConnectCalendarsAsync()
    {
        // p03's mentor uses Outlook: her calendar already holds their first meeting; later changes come as notifications.
        var p03 = AcmeProgram.PairNamed("p03");
        Providers.PutGraphEvent(GraphUser, CalendarProviders.GraphEvent(
            "g1", new DateTimeOffset(2027, 1, 13, 9, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(1), (p03.Mentor.Name, p03.Mentor.Email), (p03.Mentee.Name, p03.Mentee.Email), Host.Clock.GetUtcNow()));
        await AdminAsync(HttpMethod.Post, $"programs/{AcmeProgram.Id}/calendars", JsonContent.Create(
            new { provider = "graph", participantId = p03.Mentor.Id, resource = GraphUser }, options: Json));

        // p04 shares an iCalendar feed: a first meeting, then one every two weeks.
        Providers.Feeds["p04"] = P04Feed();
        await AdminAsync(HttpMethod.Post, $"programs/{AcmeProgram.Id}/calendars", JsonContent.Create(
            new { provider = "ics", pairId = "p04", resource = Providers.Feed("p04").AbsoluteUri }, options: Json));
        await Host.Clock.SettleAsync(TimeSpan.FromMinutes(1));
    }

    // A mailbox is connected for its own participant only: the mentor's address is the Graph user.
    private static string GraphUser => AcmeProgram.PairNamed("p03").Mentor.Email;

    private static string P04Feed()
    {
        var p04 = AcmeProgram.PairNamed("p04");
        var ics = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Acme//Mentoring acceptance//EN\r\n");
        ics.Append("BEGIN:VEVENT\r\nUID:p04-series@acme.example\r\nDTSTAMP:20270105T090000Z\r\nSEQUENCE:0\r\n")
            .Append("DTSTART:20270113T140000Z\r\nDTEND:20270113T150000Z\r\nRRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=6\r\n")
            .Append("SUMMARY:Mentoring Marta / Omar\r\n")
            .Append(CultureInfo.InvariantCulture, $"ORGANIZER;CN={p04.Mentor.Name}:mailto:{p04.Mentor.Email}\r\n")
            .Append(CultureInfo.InvariantCulture, $"ATTENDEE;CN={p04.Mentee.Name}:mailto:{p04.Mentee.Email}\r\n")
            .Append("END:VEVENT\r\nEND:VCALENDAR\r\n");
        return ics.ToString();
    }

    private async Task GraphAsync(string eventId, DateTimeOffset start, bool cancelled)
    {
        var p03 = AcmeProgram.PairNamed("p03");
        Providers.PutGraphEvent(GraphUser, CalendarProviders.GraphEvent(
            eventId, start, TimeSpan.FromHours(1), (p03.Mentor.Name, p03.Mentor.Email), (p03.Mentee.Name, p03.Mentee.Email), Host.Clock.GetUtcNow(), cancelled));
        var subscription = Providers.Subscriptions.Keys.FirstOrDefault() ?? "no-subscription";
        var notification = new JsonObject
        {
            ["value"] = new JsonArray(new JsonObject
            {
                ["subscriptionId"] = subscription,
                ["subscriptionExpirationDateTime"] = Host.Clock.GetUtcNow().AddDays(1).ToString("O", CultureInfo.InvariantCulture),
                ["changeType"] = "updated",
                ["resource"] = $"Users/{GraphUser}/Events/{eventId}",
                ["resourceData"] = new JsonObject { ["@odata.type"] = "#Microsoft.Graph.Event", ["@odata.id"] = $"Users/{GraphUser}/Events/{eventId}", ["id"] = eventId },
                ["clientState"] = LocalHostUnderTest.GraphClientState,
                ["tenantId"] = "7d1e4a2b-0000-4000-8000-acme00000001",
            }),
        };
        await WebhookAsync("graph", $"graph {eventId} {(cancelled ? "cancelled" : "booked")}", Encoding.UTF8.GetBytes(notification.ToJsonString()), []);
    }

    private async Task CalComAsync(string pairId, string trigger, string uid, DateTimeOffset start)
    {
        var pair = AcmeProgram.PairNamed(pairId);
        var payload = CalComBooking(pair, uid, start);
        var body = new JsonObject { ["triggerEvent"] = trigger, ["createdAt"] = Iso(Host.Clock.GetUtcNow()), ["payload"] = payload };
        await CalComSendAsync($"calcom {trigger} {uid}", body);
    }

    private async Task CalComRescheduleAsync(string pairId, string fromUid, string toUid, DateTimeOffset from, DateTimeOffset to)
    {
        var pair = AcmeProgram.PairNamed(pairId);
        var payload = CalComBooking(pair, toUid, to);
        payload["rescheduleUid"] = fromUid;
        payload["rescheduleStartTime"] = Iso(from);
        payload["rescheduledBy"] = pair.Mentee.Email;
        var body = new JsonObject { ["triggerEvent"] = "BOOKING_RESCHEDULED", ["createdAt"] = Iso(Host.Clock.GetUtcNow()), ["payload"] = payload };
        await CalComSendAsync($"calcom BOOKING_RESCHEDULED {fromUid}", body);
    }

    private static JsonObject CalComBooking(PairOf pair, string uid, DateTimeOffset start) => new()
    {
        ["uid"] = uid,
        ["title"] = $"Mentoring between {pair.Mentor.Name} and {pair.Mentee.Name}",
        ["type"] = "mentoring-30",
        ["startTime"] = Iso(start),
        ["endTime"] = Iso(start.AddMinutes(45)),
        ["organizer"] = new JsonObject { ["name"] = pair.Mentor.Name, ["email"] = pair.Mentor.Email, ["timeZone"] = pair.Mentor.TimeZone },
        ["attendees"] = new JsonArray(new JsonObject { ["name"] = pair.Mentee.Name, ["email"] = pair.Mentee.Email, ["timeZone"] = pair.Mentee.TimeZone }),
        ["status"] = "ACCEPTED",
    };

    private async Task CalComSendAsync(string what, JsonObject body)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(LocalHostUnderTest.CalComSecret), bytes));
        await WebhookAsync("calcom", what, bytes, [("X-Cal-Signature-256", signature)]);
    }

    private async Task CalendlyCreatedAsync(string pairId, string id, DateTimeOffset start) =>
        await CalendlySendAsync($"calendly invitee.created {id}", CalendlyBody("invitee.created", AcmeProgram.PairNamed(pairId), id, start, null));

    private async Task CalendlyCanceledAsync(string pairId, string id, DateTimeOffset start)
    {
        var pair = AcmeProgram.PairNamed(pairId);
        var cancellation = new JsonObject { ["canceled_by"] = pair.Mentee.Name, ["reason"] = "Release week", ["canceler_type"] = "invitee", ["created_at"] = Iso(Host.Clock.GetUtcNow()) };
        await CalendlySendAsync($"calendly invitee.canceled {id}", CalendlyBody("invitee.canceled", pair, id, start, cancellation));
    }

    private JsonObject CalendlyBody(string kind, PairOf pair, string id, DateTimeOffset start, JsonObject? cancellation)
    {
        var now = Iso(Host.Clock.GetUtcNow());
        var invitee = new JsonObject
        {
            ["uri"] = $"https://api.calendly.com/scheduled_events/ev-{id}/invitees/inv-{id}",
            ["email"] = pair.Mentee.Email,
            ["name"] = pair.Mentee.Name,
            ["status"] = cancellation is null ? "active" : "canceled",
            ["timezone"] = pair.Mentee.TimeZone,
            ["created_at"] = now,
            ["updated_at"] = now,
            ["rescheduled"] = false,
            ["old_invitee"] = null,
            ["new_invitee"] = null,
            ["scheduled_event"] = new JsonObject
            {
                ["uri"] = $"https://api.calendly.com/scheduled_events/ev-{id}",
                ["name"] = "Mentoring (45 min)",
                ["status"] = cancellation is null ? "active" : "canceled",
                ["start_time"] = Iso(start),
                ["end_time"] = Iso(start.AddMinutes(45)),
                ["event_memberships"] = new JsonArray(new JsonObject { ["user"] = "https://api.calendly.com/users/lukas", ["user_email"] = pair.Mentor.Email, ["user_name"] = pair.Mentor.Name }),
                ["event_guests"] = new JsonArray(),
            },
        };
        if (cancellation is not null)
            invitee["cancellation"] = cancellation;
        return new JsonObject { ["event"] = kind, ["created_at"] = now, ["created_by"] = "https://api.calendly.com/users/lukas", ["payload"] = invitee };
    }

    private async Task CalendlySendAsync(string what, JsonObject body)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        var t = Host.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        byte[] signed = [.. Encoding.UTF8.GetBytes(t + "."), .. bytes];
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(LocalHostUnderTest.CalendlySecret), signed));
        await WebhookAsync("calendly", what, bytes, [("Calendly-Webhook-Signature", $"t={t},v1={signature}")]);
    }

    private async Task WebhookAsync(string provider, string what, byte[] body, (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(provider == "graph" ? "api/webhooks/graph" : $"api/webhooks/{provider}/{AcmeProgram.Id}", UriKind.Relative)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in headers)
            request.Headers.TryAddWithoutValidation(name, value);
        using var response = await Host.Http.SendAsync(request);
        WebhookStatuses[what] = (int)response.StatusCode;
        Journal.Add($"{Host.Clock.GetUtcNow():O} webhook {what} → {(int)response.StatusCode}");
        await Host.Clock.SettleAsync(TimeSpan.FromMinutes(1));
    }

    private async Task LogMeetingAsync(string pairId, DateTimeOffset start, string outcome, string? meetingId = null, string? reason = null) =>
        await AdminAsync(HttpMethod.Post, $"programs/{AcmeProgram.Id}/pairs/{pairId}/meetings", JsonContent.Create(
            new { start, end = start.AddHours(1), outcome, meetingId, reason }, options: Json));

    /// <summary>The person opens the "Already met?" link of the latest email that has one, and confirms on the page.</summary>
    private async Task CheckInAsync(Person person)
    {
        var email = Emails.LastOrDefault(e => e.To == person.Email && e.Text.Contains("Already met?", StringComparison.Ordinal));
        if (email is null)
        {
            Missing["check-in"] = $"{person.Email} had no email with an \"Already met?\" link by {Host.Clock.GetUtcNow():O}.";
            return;
        }

        var link = LinkAfter(email, "Already met?");
        using var page = await Host.Http.GetAsync(new Uri(link));
        using var confirm = await Host.Http.PostAsync(new Uri(link), new FormUrlEncodedContent([]));
        CheckInStatus = (int)confirm.StatusCode;
        Journal.Add($"{Host.Clock.GetUtcNow():O} check-in by {person.Id} from {email.Template}: GET {(int)page.StatusCode}, POST {(int)confirm.StatusCode}");
        await Host.Clock.SettleAsync(TimeSpan.FromMinutes(1));
    }

    /// <summary>The person clicks unsubscribe in their mail client (RFC 8058 one-click POST) on the latest email they got.</summary>
    private async Task UnsubscribeAsync(Person person)
    {
        var email = Emails.LastOrDefault(e => e.To == person.Email && e.OneClickUnsubscribe is not null);
        if (email is null)
        {
            Missing["unsubscribe"] = $"{person.Email} had no email with a List-Unsubscribe link by {Host.Clock.GetUtcNow():O}.";
            return;
        }

        using var response = await Host.Http.PostAsync(new Uri(email.OneClickUnsubscribe!), new StringContent("List-Unsubscribe=One-Click", Encoding.ASCII, "application/x-www-form-urlencoded"));
        UnsubscribeStatus = (int)response.StatusCode;
        UnsubscribedAt = Host.Clock.GetUtcNow();
        UnsubscribedFrom = email.Template;
        Journal.Add($"{Host.Clock.GetUtcNow():O} unsubscribe by {person.Id} from {email.Template}: {(int)response.StatusCode}");
        await Host.Clock.SettleAsync(TimeSpan.FromMinutes(1));
    }

    internal static string LinkAfter(ReceivedEmail email, string label)
    {
        var at = email.Text.IndexOf(label, StringComparison.Ordinal);
        return email.Links.First(l => email.Text.IndexOf(l, at, StringComparison.Ordinal) >= 0);
    }

    /// <summary>Opens every check-in and unsubscribe link of the emails that arrived since the last look (GET: changes nothing).</summary>
    private async Task FollowNewLinksAsync()
    {
        foreach (var email in Emails)
        {
            if (!_linksFollowed.Add(email.File))
                continue;
            foreach (var link in email.Links.Where(l => l.StartsWith(Host.Address.AbsoluteUri, StringComparison.Ordinal)))
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(link));
                request.Headers.Accept.ParseAdd("text/html");
                using var response = await Host.Http.SendAsync(request);
                LinkStatuses[email.File + " " + link] = (int)response.StatusCode;
            }
        }
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
