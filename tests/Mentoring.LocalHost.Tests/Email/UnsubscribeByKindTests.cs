using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mentoring.Testing;
using Mentoring.Tests.Admin;

namespace Mentoring.Tests.Email;

/// <summary>
/// Issue 17 item 6, as people live it through the local host's public doors: Ben clicks the one-click unsubscribe of a
/// nudge and the ladder stops for him while the campaign still comes; from a campaign email's link he opens the page and
/// chooses to stop only meeting reminders, so Ana gets the reminder before their booked meeting and he does not (his
/// invitation still comes). The admin API shows what he stopped. Read from the .eml outbox of a host whose clock moves.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed partial class UnsubscribeByKindTests
{
    /// <summary>Tuesday 10 March 2026, 09:00 UTC.</summary>
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task OneClickOnANudge_StopsHisLadderOnly_ThePageThenStopsMeetingRemindersOnly_WhatStillArrivesFollows()
    {
        await using var host = await EmailHost.StartAsync(Now);
        await CreateProgramAsync(host.Api, "kinds");
        using var anonymous = host.Api.Client(key: null);

        // 1. Ben's first nudge; its List-Unsubscribe, as his mail client would use it (RFC 8058).
        await host.DrainAsync();
        for (var day = 0; day < 10 && !Outbox(host).Any(e => e.To == Ben && e.Template == "ladder-nudge"); day++)
            await host.LiveDaysAsync(1);
        var nudge = Outbox(host).First(e => e.To == Ben && e.Template == "ladder-nudge");
        Assert.Equal("List-Unsubscribe=One-Click", nudge.Header("List-Unsubscribe-Post"));
        var seen = Outbox(host).Select(e => e.File).ToHashSet(StringComparer.Ordinal);

        using (var click = await PostAsync(anonymous, Path(OneClick().Match(nudge.Header("List-Unsubscribe")).Groups[1].Value), "List-Unsubscribe=One-Click"))
        {
            Assert.Equal(HttpStatusCode.OK, click.StatusCode);
            Assert.Equal(["ladder"], StoppedOf(await Json(click)));
        }

        var participant = await host.Api.SendAsync(HttpMethod.Get, "programs/kinds/participants/ben");
        Assert.Equal(["ladder"], participant.GetProperty("unsubscribedFrom").EnumerateArray().Select(k => k.GetString()));
        Assert.False(participant.GetProperty("suppressed").GetBoolean());

        // 2. Days on, up to the mid-cycle email: Ben gets the campaign and no ladder; Ana's ladder goes on.
        for (var day = 0; day < 14 && !Outbox(host).Any(e => e.To == Ben && e.Template == "campaign-mid-cycle"); day++)
            await host.LiveDaysAsync(1);
        var afterClick = Outbox(host).Where(e => !seen.Contains(e.File)).ToList();
        Assert.DoesNotContain(afterClick, e => e.To == Ben && (e.Template.StartsWith("ladder-", StringComparison.Ordinal) || e.Template == "thank-you"));
        var midCycle = Assert.Single(afterClick, e => e.To == Ben && e.Template == "campaign-mid-cycle");
        Assert.Contains(afterClick, e => e.To == Ana && e.Template.StartsWith("ladder-", StringComparison.Ordinal));

        // 3. From the campaign email's own link: the page shows what is stopped and ticks this email's kind.
        var pageLink = Path(UnsubscribeLink().Match(midCycle.Text).Value);
        var page = await GetPageAsync(anonymous, pageLink);
        Assert.Contains("value=\"ladder\" checked", page, StringComparison.Ordinal);
        Assert.Contains("value=\"campaign\" checked", page, StringComparison.Ordinal);
        Assert.Contains("value=\"meeting-reminders\">", page, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\">", page, StringComparison.Ordinal);
        using (var chosen = await PostAsync(anonymous, pageLink, "choose=1&stop=meeting-reminders", html: true))
        {
            Assert.Equal(HttpStatusCode.OK, chosen.StatusCode);
            var text = await chosen.Content.ReadAsStringAsync();
            Assert.Contains("Stopped: Meeting reminders.", text, StringComparison.Ordinal);
        }

        participant = await host.Api.SendAsync(HttpMethod.Get, "programs/kinds/participants/ben");
        Assert.Equal(["meeting-reminders"], participant.GetProperty("unsubscribedFrom").EnumerateArray().Select(k => k.GetString()));

        // 4. Ana books their meeting two days ahead: both are invited, only Ana is reminded the day before.
        var anasLink = Path(BookLink().Match(Outbox(host).Last(e => e.To == Ana && e.Template.StartsWith("ladder-", StringComparison.Ordinal) && BookLink().IsMatch(e.Text)).Text).Value);
        var start = host.Time.GetUtcNow().AddDays(2).AddHours(3);
        seen = Outbox(host).Select(e => e.File).ToHashSet(StringComparer.Ordinal);
        using (var booked = await PostAsync(anonymous, anasLink, "start=" + Uri.EscapeDataString(start.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture))))
            Assert.Equal("booked", (await Json(booked)).GetProperty("status").GetString());
        await host.LiveDaysAsync(2);

        var afterChoice = Outbox(host).Where(e => !seen.Contains(e.File)).ToList();
        Assert.Contains(afterChoice, e => e.To == Ben && e.Template == "meeting-invitation");
        Assert.Contains(afterChoice, e => e.To == Ana && e.Template == "pre-meeting-reminder");
        Assert.DoesNotContain(afterChoice, e => e.To == Ben && e.Template == "pre-meeting-reminder");
    }

    [Fact]
    public async Task AdversarialInputs_OnTheUnsubscribeRoute_EndAsProblemsOrPages_NothingStored()
    {
        await using var host = await EmailHost.StartAsync(Now);
        await CreateProgramAsync(host.Api, "kinds-bad");
        await host.DrainAsync();
        for (var day = 0; day < 10 && !Outbox(host).Any(e => e.To == Ben && e.Template == "ladder-nudge"); day++)
            await host.LiveDaysAsync(1);
        var link = Path(UnsubscribeLink().Match(Outbox(host).First(e => e.To == Ben && e.Template == "ladder-nudge").Text).Value);
        using var anonymous = host.Api.Client(key: null);
        var tampered = link[..^4] + (link[^4] == 'A' ? "B" : "A") + link[^3..];

        (string Path, string Body, HttpStatusCode Status)[] cases =
        [
            (tampered, "choose=1&stop=ladder", HttpStatusCode.NotFound),
            ("/api/unsubscribe/" + new string('a', 5000), "List-Unsubscribe=One-Click", HttpStatusCode.NotFound),
            ("/api/unsubscribe/not.a-token", "List-Unsubscribe=One-Click", HttpStatusCode.NotFound),
            (link, "choose=1&stop=newsletter", HttpStatusCode.BadRequest),
            (link, "choose=1&stop=" + Uri.EscapeDataString("ladder\0"), HttpStatusCode.BadRequest),
            (link, "choose=1&stop=LADDER", HttpStatusCode.BadRequest),
            (link, "choose=1&" + string.Concat(Enumerable.Repeat("stop=campaign&", 2000)), HttpStatusCode.RequestEntityTooLarge),
        ];
        foreach (var (path, body, status) in cases)
        {
            foreach (var html in new[] { false, true })
            {
                using var response = await PostAsync(anonymous, path, body, html);
                Assert.Equal(status, response.StatusCode);
                Assert.Equal(html ? "text/html" : "application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        using (var binary = new HttpRequestMessage(HttpMethod.Post, new Uri(link, UriKind.Relative)) { Content = new ByteArrayContent([0xff, 0x00, 0xfe, 0x3d, 0x26]) })
        {
            binary.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
            using var response = await anonymous.SendAsync(binary);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, response.StatusCode.ToString());
        }

        // None of the refused choices stopped anything, and the binary body is at most a one-click of the ladder.
        var participant = await host.Api.SendAsync(HttpMethod.Get, "programs/kinds-bad/participants/ben");
        Assert.Subset(new HashSet<string?> { "ladder" }, participant.GetProperty("unsubscribedFrom").EnumerateArray().Select(k => k.GetString()).ToHashSet());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri(link, UriKind.Relative))).StatusCode);
    }

    /// <summary>
    /// Admins re-import the roster (here with Ben's new address): what Ben stopped is his choice and stays — the admin API
    /// still shows his ladder stopped, and no ladder email reaches him at either address while Ana's ladder goes on.
    /// </summary>
    [Fact]
    public async Task RosterReimported_AfterBenStoppedHisLadder_HisChoiceStays_NoLadderEmailAtHisNewAddress()
    {
        const string NewBen = "ben.okafor@example.com";
        await using var host = await EmailHost.StartAsync(Now);
        await CreateProgramAsync(host.Api, "kinds-again");
        using var anonymous = host.Api.Client(key: null);
        await host.DrainAsync();
        for (var day = 0; day < 10 && !Outbox(host).Any(e => e.To == Ben && e.Template == "ladder-nudge"); day++)
            await host.LiveDaysAsync(1);
        var nudge = Outbox(host).First(e => e.To == Ben && e.Template == "ladder-nudge");
        using (var click = await PostAsync(anonymous, Path(OneClick().Match(nudge.Header("List-Unsubscribe")).Groups[1].Value), "List-Unsubscribe=One-Click"))
            Assert.Equal(["ladder"], StoppedOf(await Json(click)));

        await host.Api.SendAsync(HttpMethod.Post, "programs/kinds-again/participant-imports", AdminApi.Csv(People.Replace(Ben, NewBen, StringComparison.Ordinal)));

        var participant = await host.Api.SendAsync(HttpMethod.Get, "programs/kinds-again/participants/ben");
        Assert.Equal(NewBen, participant.GetProperty("email").GetString());
        Assert.Equal(["ladder"], participant.GetProperty("unsubscribedFrom").EnumerateArray().Select(k => k.GetString()));
        var seen = Outbox(host).Select(e => e.File).ToHashSet(StringComparer.Ordinal);
        await host.LiveDaysAsync(6);
        var after = Outbox(host).Where(e => !seen.Contains(e.File)).ToList();
        Assert.DoesNotContain(after, e => e.To is Ben or NewBen && (e.Template.StartsWith("ladder-", StringComparison.Ordinal) || e.Template == "thank-you"));
        Assert.Contains(after, e => e.To == Ana && e.Template.StartsWith("ladder-", StringComparison.Ordinal));
    }

    private const string Ana = "ana@example.com";
    private const string Ben = "ben@example.com";

    private const string People =
        """
        id,name,email,role,timeZone
        ana,Ana Lima,ana@example.com,mentor,Europe/Berlin
        ben,Ben Okafor,ben@example.com,mentee,Europe/London

        """;

    /// <summary>A ladder that speaks within days, a campaign whose middle is ten days on, reminders before meetings.</summary>
    private static async Task CreateProgramAsync(AdminApi api, string programId)
    {
        await api.SendAsync(HttpMethod.Post, "programs", AdminApi.Json(new
        {
            id = programId,
            name = "Platform Mentoring",
            businessGoal = "Cut the time a new engineer needs to ship on their own.",
            timeZone = "Europe/Berlin",
            admins = new[] { "Priya Shah <hr.lead@example.com>" },
            cadenceDays = 2,
            policy = new
            {
                slowStartDays = 1,
                ladder = new { stepSpacingDays = new[] { 1 } },
                campaign = new { enabled = true, preMeetingReminders = true },
                sending = new { ignoreQuietHours = true },
            },
        }));
        await api.SendAsync(HttpMethod.Post, $"programs/{programId}/cycles", AdminApi.Json(new { id = "2026-q2", start = Now.AddDays(-1), end = Now.AddDays(21) }));
        await api.SendAsync(HttpMethod.Post, $"programs/{programId}/participant-imports", AdminApi.Csv(People));
        await api.SendAsync(HttpMethod.Post, $"programs/{programId}/pair-imports", AdminApi.Csv("id,mentorId,menteeId\nana-ben,ana,ben\n"));
    }

    /// <summary>One .eml of the outbox: its file, who it went to, its template, the raw file for headers, its plain text for links.</summary>
    private sealed record Received(string File, string To, string Template, string Raw, string Text)
    {
        public string Header(string name)
        {
            var headers = Raw[..Raw.IndexOf("\r\n\r\n", StringComparison.Ordinal)].Replace("\r\n ", " ", StringComparison.Ordinal);
            return Regex.Match(headers, "^" + Regex.Escape(name) + ": (.*)$", RegexOptions.Multiline).Groups[1].Value.TrimEnd('\r');
        }
    }

    private static List<Received> Outbox(EmailHost host) =>
        [.. Directory.GetFiles(host.OutboxDirectory, "*.eml").Order(StringComparer.Ordinal).Select(file =>
        {
            var raw = File.ReadAllText(file);
            var email = new Received(file, "", "", raw, raw.Contains("Content-Type: text/plain", StringComparison.Ordinal) ? Eml.Read(file).Text : "");
            return email with { To = Address().Match(email.Header("To")).Groups[1].Value, Template = email.Header("X-Mentoring-Template") };
        })];

    private static string Path(string url) => new Uri(url).AbsolutePath;

    private static IEnumerable<string?> StoppedOf(JsonElement answer) => answer.GetProperty("stopped").EnumerateArray().Select(k => k.GetString());

    private static async Task<string> GetPageAsync(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string form, bool html = false)
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

    [GeneratedRegex("<(https?://[^>]+)>")]
    private static partial Regex OneClick();

    [GeneratedRegex(@"https?://[^\s""<>]+/api/unsubscribe/[A-Za-z0-9_\-.]+")]
    private static partial Regex UnsubscribeLink();

    [GeneratedRegex(@"https?://[^\s""<>]+/api/book/[A-Za-z0-9_\-.]+")]
    private static partial Regex BookLink();

    [GeneratedRegex("<([^>]+)>")]
    private static partial Regex Address();
}
