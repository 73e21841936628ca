using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mentoring.Testing;
using Mentoring.Tests.Admin;

namespace Mentoring.Tests.Email;

/// <summary>
/// Issue 17's "done when" for booking, through the local host's public doors only: a program made through the admin API
/// sends a nudge; its booking link is followed, a proposed time chosen, and each participant receives an invitation
/// (text/calendar; method=REQUEST naming both as attendees, and an .ics attachment) — in the .eml outbox, and through
/// SendGrid as the fake SendGrid server receives it — while the pair's timeline shows the meeting scheduled then.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed partial class BookingTests
{
    /// <summary>Tuesday 10 March 2026, 09:00 UTC: 10:00 in Berlin, 09:00 in London.</summary>
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    private const string People =
        """
        id,name,email,role,timeZone
        ana,Ana Lima,ana@example.com,mentor,Europe/Berlin
        ben,Ben Okafor,ben@example.com,mentee,Europe/London

        """;

    [Fact]
    public async Task NudgesBookingLink_TimeChosen_EachParticipantGetsARequestNamingBoth_TimelineShowsItScheduled_LadderPauses()
    {
        await using var host = await EmailHost.StartAsync(Now);
        await CreateProgramAsync(host.Api, "book-eml");
        var nudge = await FirstNudgeAsync(host, () => host.Emails().Where(e => e.Template == "ladder-nudge").Select(e => e.Text));
        var link = BookingLink(nudge);

        using var anonymous = host.Api.Client(key: null);
        var page = await GetPageAsync(anonymous, link);
        Assert.Contains("Times that suit you both", page, StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable("BOOKING_PAGE_OUT") is { Length: > 0 } saveTo)
            await File.WriteAllTextAsync(saveTo, page); // for docs/booking-page.png (docs/email.md says how)
        var proposals = await ProposalsAsync(anonymous, link);
        Assert.NotEmpty(proposals);
        // Within a cadence (two days here) and more than a day ahead: the ladder pauses for a meeting that close.
        var now = host.Time.GetUtcNow();
        var chosen = proposals.First(p => p > now.AddDays(1) && p <= now.AddDays(2));
        var outboxBefore = Directory.GetFiles(host.OutboxDirectory, "*.eml").Length;

        using var booked = await PostAsync(anonymous, link, $"start={Uri.EscapeDataString(chosen.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture))}", html: true);

        Assert.Equal(HttpStatusCode.OK, booked.StatusCode);
        Assert.Contains("is booked", await booked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await host.DrainAsync(); // the invitations go through the outbox
        var invitations = Invitations(host.OutboxDirectory);
        Assert.Equal(outboxBefore + 2, Directory.GetFiles(host.OutboxDirectory, "*.eml").Length);
        Assert.Equal(["ana@example.com", "ben@example.com"], invitations.Select(i => i.To).Order(StringComparer.Ordinal));
        Assert.All(invitations, invitation =>
        {
            Assert.Contains("Content-Type: text/calendar; charset=utf-8; method=REQUEST", invitation.Raw, StringComparison.Ordinal);
            Assert.Contains("Content-Disposition: attachment; filename=\"invite.ics\"", invitation.Raw, StringComparison.Ordinal);
            AssertRequest(invitation.Calendar, chosen, sequence: 0);
            Assert.Equal(invitation.Calendar, invitation.Attachment);
        });
        Assert.Single(invitations.Select(i => Property(i.Calendar, "UID")).Distinct());

        var meetings = await MeetingsAsync(host.Api, "book-eml");
        var meeting = Assert.Single(meetings);
        Assert.Equal(Property(invitations[0].Calendar, "UID"), meeting.Id);
        Assert.Equal(chosen, meeting.Start);
        Assert.Equal("scheduled", meeting.Status);

        // The ladder pauses at once: a day on (the meeting still ahead), no further ladder email for the pair.
        var ladderBefore = host.Emails().Count(e => e.Template.StartsWith("ladder-", StringComparison.Ordinal));
        await host.LiveDaysAsync(1);
        Assert.Equal(ladderBefore, host.Emails().Count(e => e.Template.StartsWith("ladder-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SamePage_MoveSendsSequenceOne_CancelSendsMethodCancel_SameUid_OneMeetingInTheTimeline()
    {
        await using var host = await EmailHost.StartAsync(Now);
        await CreateProgramAsync(host.Api, "book-move");
        var link = BookingLink(await FirstNudgeAsync(host, () => host.Emails().Where(e => e.Template == "ladder-nudge").Select(e => e.Text)));
        using var anonymous = host.Api.Client(key: null);
        var proposals = await ProposalsAsync(anonymous, link);
        using (var first = await PostAsync(anonymous, link, "start=" + Iso(proposals[0]), html: false))
            Assert.Equal("booked", (await Json(first)).GetProperty("status").GetString());
        using (var again = await PostAsync(anonymous, link, "start=" + Iso(proposals[0]), html: false))
            Assert.Equal("already-booked", (await Json(again)).GetProperty("status").GetString());
        await host.DrainAsync();
        Assert.Equal(2, Invitations(host.OutboxDirectory).Count);
        var uid = Property(Invitations(host.OutboxDirectory)[0].Calendar, "UID");

        // Moved from the free field: a wall-clock time in Ana's zone (the nudge went to her).
        var local = TimeZoneInfo.ConvertTime(proposals[1], TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).AddDays(1);
        using (var moved = await PostAsync(anonymous, link, "start=" + local.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture), html: false))
        {
            var answer = await Json(moved);
            Assert.Equal("moved", answer.GetProperty("status").GetString());
            Assert.Equal(1, answer.GetProperty("sequence").GetInt32());
        }

        await host.DrainAsync();

        var movedTo = proposals[1].AddDays(1);
        var updates = Invitations(host.OutboxDirectory).Where(i => Property(i.Calendar, "SEQUENCE") == "1").ToList();
        Assert.Equal(2, updates.Count);
        Assert.All(updates, u => AssertRequest(u.Calendar, movedTo, sequence: 1));
        Assert.All(updates, u => Assert.Equal(uid, Property(u.Calendar, "UID")));
        var page = await GetPageAsync(anonymous, link);
        Assert.Contains("Your next mentoring meeting", page, StringComparison.Ordinal);
        Assert.Contains("Cancel the meeting", page, StringComparison.Ordinal);

        using (var cancelled = await PostAsync(anonymous, link, "cancel=yes", html: false))
            Assert.Equal("cancelled", (await Json(cancelled)).GetProperty("status").GetString());
        await host.DrainAsync();
        var cancels = Invitations(host.OutboxDirectory).Where(i => Property(i.Calendar, "METHOD") == "CANCEL").ToList();
        Assert.Equal(2, cancels.Count);
        Assert.All(cancels, c =>
        {
            Assert.Contains("Content-Type: text/calendar; charset=utf-8; method=CANCEL", c.Raw, StringComparison.Ordinal);
            Assert.Equal(uid, Property(c.Calendar, "UID"));
            Assert.Equal("2", Property(c.Calendar, "SEQUENCE"));
            Assert.Equal("CANCELLED", Property(c.Calendar, "STATUS"));
        });

        var meeting = Assert.Single(await MeetingsAsync(host.Api, "book-move"));
        Assert.Equal((uid, movedTo, "cancelled"), (meeting.Id, meeting.Start, meeting.Status));
        using var nothing = await PostAsync(anonymous, link, "cancel=yes", html: false);
        Assert.Equal(HttpStatusCode.Conflict, nothing.StatusCode);
    }

    [Fact]
    public async Task ThroughSendGrid_EachParticipantsRequestCarriesTheCalendarContentAndTheIcsAttachment_AsSendGridAccepts()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync(TimeSpan.FromMinutes(5));
        await using var host = await EmailHost.StartAsync(Now, new Dictionary<string, string>
        {
            ["SendGrid:ApiKey"] = FakeSendGrid.ApiKey,
            ["SendGrid:BaseUrl"] = sendGrid.BaseUrl.ToString(),
            ["SendGrid:FromAddress"] = "mentoring@example.org",
            ["Links:BaseUrl"] = "https://mentoring.example.org",
        });
        await CreateProgramAsync(host.Api, "book-sendgrid");
        var nudge = await FirstNudgeAsync(host, () => Sent(sendGrid).Where(b => Category(b) == "ladder-nudge").Select(b => Content(b, "text/plain")!));
        var link = BookingLink(nudge);
        using var anonymous = host.Api.Client(key: null);
        var chosen = (await ProposalsAsync(anonymous, link))[^1];
        var before = Sent(sendGrid).Count;

        using var booked = await PostAsync(anonymous, link, "start=" + Iso(chosen), html: false);

        Assert.Equal(HttpStatusCode.OK, booked.StatusCode);
        Assert.Equal(2, (await Json(booked)).GetProperty("invited").GetInt32());
        await host.DrainAsync();
        Assert.All(sendGrid.Violations, v => Assert.Empty(v));
        var requests = Sent(sendGrid).Skip(before).ToList();
        Assert.Equal(["ana@example.com", "ben@example.com"], requests.Select(To).Order(StringComparer.Ordinal));
        Assert.All(requests, body =>
        {
            var types = body.GetProperty("content").EnumerateArray().Select(c => c.GetProperty("type").GetString()).ToList();
            Assert.Equal(["text/plain", "text/html", "text/calendar; method=REQUEST"], types);
            var calendar = Content(body, "text/calendar; method=REQUEST")!;
            AssertRequest(calendar, chosen, sequence: 0);
            var attachment = Assert.Single(body.GetProperty("attachments").EnumerateArray());
            Assert.Equal("invite.ics", attachment.GetProperty("filename").GetString());
            Assert.Equal("application/ics", attachment.GetProperty("type").GetString());
            Assert.Equal("attachment", attachment.GetProperty("disposition").GetString());
            Assert.Equal(calendar, Encoding.UTF8.GetString(Convert.FromBase64String(attachment.GetProperty("content").GetString()!)));
            Assert.DoesNotContain('@', body.GetProperty("personalizations")[0].GetProperty("custom_args").GetProperty("messageId").GetString()!);
        });
        var meeting = Assert.Single(await MeetingsAsync(host.Api, "book-sendgrid"));
        Assert.Equal((chosen, "scheduled"), (meeting.Start, meeting.Status));
    }

    /// <summary>
    /// The invitations go through the outbox: the booking answers before anything is sent; SendGrid failing the first
    /// attempt (500) loses nothing — the dispatcher's retry, after the backoff, delivers each participant's REQUEST once.
    /// </summary>
    [Fact]
    public async Task SendGridFailsTheFirstAttempt_TheBookingAnswersAtOnce_EachInvitationArrivesOnTheRetry_Once()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync(TimeSpan.FromMinutes(5));
        await using var host = await EmailHost.StartAsync(Now, new Dictionary<string, string>
        {
            ["SendGrid:ApiKey"] = FakeSendGrid.ApiKey,
            ["SendGrid:BaseUrl"] = sendGrid.BaseUrl.ToString(),
            ["SendGrid:FromAddress"] = "mentoring@example.org",
            ["SendGrid:RetryBackoff"] = "00:00:01",
            ["Links:BaseUrl"] = "https://mentoring.example.org",
        });
        await CreateProgramAsync(host.Api, "book-retry");
        var link = BookingLink(await FirstNudgeAsync(host, () => Sent(sendGrid).Where(b => Category(b) == "ladder-nudge").Select(b => Content(b, "text/plain")!)));
        using var anonymous = host.Api.Client(key: null);
        var chosen = (await ProposalsAsync(anonymous, link))[0];
        var before = Sent(sendGrid).Count;
        sendGrid.Answer = FakeAnswer.ServerError;

        using (var booked = await PostAsync(anonymous, link, "start=" + Iso(chosen), html: false))
        {
            Assert.Equal("booked", (await Json(booked)).GetProperty("status").GetString());
            Assert.Equal(before, Sent(sendGrid).Count); // answered before any send was tried
        }

        await host.DrainAsync();
        Assert.Equal(2, Sent(sendGrid).Count - before); // both tried once, both refused with a 500
        sendGrid.Answer = FakeAnswer.Accepted;
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // the backoff: the queue brings them back
        await host.DrainAsync();
        using (var again = await PostAsync(anonymous, link, "start=" + Iso(chosen), html: false))
            Assert.Equal("already-booked", (await Json(again)).GetProperty("status").GetString());
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await host.DrainAsync();

        var retried = Sent(sendGrid).Skip(before + 2).Where(b => Category(b) == "meeting-invitation").ToList();
        Assert.Equal(["ana@example.com", "ben@example.com"], retried.Select(To).Order(StringComparer.Ordinal));
        Assert.All(retried, body => AssertRequest(Content(body, "text/calendar; method=REQUEST")!, chosen, sequence: 0));
        Assert.Equal(4, Sent(sendGrid).Count - before);
    }

    /// <summary>The calendar object as RFC 5546 wants a REQUEST: both attendees, the program organizing, the pair's marker.</summary>
    private static void AssertRequest(string ics, DateTimeOffset start, int sequence)
    {
        Assert.Equal("REQUEST", Property(ics, "METHOD"));
        Assert.Equal(start.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture), Property(ics, "DTSTART"));
        Assert.Equal(sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), Property(ics, "SEQUENCE"));
        var lines = Unfold(ics);
        Assert.Contains(lines, l => l.StartsWith("ORGANIZER;", StringComparison.Ordinal) && l.EndsWith(":mailto:hr.lead@example.com", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("ATTENDEE;CN=Ana Lima;", StringComparison.Ordinal) && l.EndsWith(":mailto:ana@example.com", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("ATTENDEE;CN=Ben Okafor;", StringComparison.Ordinal) && l.EndsWith(":mailto:ben@example.com", StringComparison.Ordinal));
        Assert.Contains("[mentoring:ana-ben]", Property(ics, "DESCRIPTION"), StringComparison.Ordinal);
        Assert.All(ics.Split("\r\n"), l => Assert.True(Encoding.UTF8.GetByteCount(l) <= 75, l));
    }

    private static string[] Unfold(string ics) => ics.Replace("\r\n ", "", StringComparison.Ordinal).Split("\r\n");

    private static string Property(string ics, string name) =>
        Unfold(ics).First(l => l.StartsWith(name + ":", StringComparison.Ordinal) || l.StartsWith(name + ";", StringComparison.Ordinal)) is var line
            ? line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..]
            : "";

    /// <summary>A program whose ladder speaks within days (cadence 2, slow start 1, one day between steps, no campaign).</summary>
    private static async Task CreateProgramAsync(AdminApi api, string programId, string people = People)
    {
        await api.SendAsync(HttpMethod.Post, "programs", AdminApi.Json(new
        {
            id = programId,
            name = "Platform Mentoring",
            businessGoal = "Cut the time a new engineer needs to ship on their own.",
            timeZone = "Europe/Berlin",
            admins = new[] { "Priya Shah <hr.lead@example.com>" },
            cadenceDays = 2,
            policy = new { slowStartDays = 1, ladder = new { stepSpacingDays = new[] { 1 } }, campaign = new { enabled = false }, sending = new { ignoreQuietHours = true } },
        }));
        await api.SendAsync(HttpMethod.Post, $"programs/{programId}/cycles", AdminApi.Json(new { id = "2026-q2", start = Now.AddDays(-1), end = Now.AddDays(60) }));
        await api.SendAsync(HttpMethod.Post, $"programs/{programId}/participant-imports", AdminApi.Csv(people));
        await api.SendAsync(HttpMethod.Post, $"programs/{programId}/pair-imports", AdminApi.Csv("id,mentorId,menteeId\nana-ben,ana,ben\n"));
    }

    /// <summary>Lives the program day by day until the first nudge is sent; its text.</summary>
    private static async Task<string> FirstNudgeAsync(EmailHost host, Func<IEnumerable<string>> nudges)
    {
        await host.DrainAsync();
        for (var day = 0; day < 10 && !nudges().Any(); day++)
            await host.LiveDaysAsync(1);
        return nudges().First();
    }

    private static string BookingLink(string text) => new Uri(BookLink().Match(text).Value).AbsolutePath;

    private static async Task<string> GetPageAsync(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<List<DateTimeOffset>> ProposalsAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return [.. (await Json(response)).GetProperty("proposals").EnumerateArray().Select(p => p.GetProperty("start").GetDateTimeOffset())];
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string form, bool html)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        if (html)
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        return await client.SendAsync(request);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static string Iso(DateTimeOffset instant) =>
        Uri.EscapeDataString(instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));

    private static async Task<List<(string Id, DateTimeOffset Start, string Status)>> MeetingsAsync(AdminApi api, string programId)
    {
        var timeline = await api.SendAsync(HttpMethod.Get, $"programs/{programId}/pairs/ana-ben/timeline");
        return [.. timeline.GetProperty("meetings").EnumerateArray()
            .Select(m => (m.GetProperty("meetingId").GetString()!, m.GetProperty("start").GetDateTimeOffset(), m.GetProperty("status").GetString()!))];
    }

    private static List<JsonElement> Sent(FakeSendGrid fake)
    {
        lock (fake.Violations)
            return [.. fake.Bodies];
    }

    private static string? Category(JsonElement body) => body.GetProperty("categories")[0].GetString();

    private static string To(JsonElement body) => body.GetProperty("personalizations")[0].GetProperty("to")[0].GetProperty("email").GetString()!;

    private static string? Content(JsonElement body, string type) =>
        body.GetProperty("content").EnumerateArray().Where(c => c.GetProperty("type").GetString() == type).Select(c => c.GetProperty("value").GetString()).FirstOrDefault();

    /// <summary>The outbox's invitations: who, the whole file, and its text/calendar part and .ics attachment decoded.</summary>
    private static List<(string To, string Raw, string Calendar, string Attachment)> Invitations(string outbox) =>
        [.. Directory.GetFiles(outbox, "*.eml").Order(StringComparer.Ordinal).Select(File.ReadAllText)
            .Where(raw => raw.Contains("X-Mentoring-Template: meeting-invitation", StringComparison.Ordinal))
            .Select(raw => (Address().Match(raw).Groups[1].Value, raw, Base64Part(raw, "Content-Type: text/calendar"), Base64Part(raw, "Content-Type: application/ics")))];

    private static string Base64Part(string raw, string header)
    {
        var at = raw.IndexOf(header, StringComparison.Ordinal);
        var start = raw.IndexOf("\r\n\r\n", at, StringComparison.Ordinal) + 4;
        var end = raw.IndexOf("\r\n--", start, StringComparison.Ordinal);
        return Encoding.UTF8.GetString(Convert.FromBase64String(raw[start..end].Replace("\r\n", "", StringComparison.Ordinal)));
    }

    [GeneratedRegex(@"https?://\S+/api/book/[A-Za-z0-9_\-.]+")]
    private static partial Regex BookLink();

    [GeneratedRegex(@"^To: .*<([^>]+)>", RegexOptions.Multiline)]
    private static partial Regex Address();
}
