using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mentoring.Testing;
using Mentoring.Tests.Admin;

namespace Mentoring.Tests.Email;

/// <summary>
/// A program run the way a customer runs one — created, imported, proofed and edited through the admin API, never the
/// demo seeder — and the emails its people receive, read from the .eml outbox of a host whose clock the test moves.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed partial class ProgramContentTests
{
    /// <summary>Tuesday 10 March 2026, 10:00 in Berlin and 09:00 in London: inside everyone's working hours.</summary>
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    private const string Goal = "Cut the time a new engineer needs to ship on their own from six months to four.";
    private const string SponsorWords = "Every hour a senior spends mentoring saves the team a week of rework.";

    private const string People =
        """
        id,name,email,role,timeZone,managerEmail,managerNotesConsent,managerName,culture
        ana,Ana Lima,ana@example.com,mentor,Europe/Berlin,mo@example.com,true,Mo Ali,
        ben,Ben Okafor,ben@example.com,mentee,Europe/London,,false,,en-US
        carla,Carla Ruiz,carla@example.com,mentor,Europe/Berlin,,false,,
        dev,Dev Patel,dev@example.com,mentee,Europe/London,,false,,

        """;

    private const string Pairs =
        """
        id,mentorId,menteeId
        ana-ben,ana,ben
        carla-dev,carla,dev

        """;

    [Fact]
    public async Task ProgramCreatedThroughTheApi_BeforeLaunchEmail_CarriesTheGoalAndTheSponsorsWords_AndIsWhatThePreviewShows()
    {
        await using var host = await EmailHost.StartAsync(Now);
        await CreateProgramAsync(host.Api, "content-goal");
        await ImportAsync(host.Api, "content-goal");

        await host.DrainAsync();

        var beforeLaunch = host.Emails().Where(e => e.Template == "campaign-before-launch").ToList();
        Assert.Equal(4, beforeLaunch.Count);
        Assert.All(beforeLaunch, email =>
        {
            Assert.Contains("The business goal: " + Goal, email.Text, StringComparison.Ordinal);
            Assert.Contains("\"" + SponsorWords + "\"\n- Dana Whitfield, Chief Technology Officer", email.Text, StringComparison.Ordinal);
        });
        Assert.All(beforeLaunch, email =>
        {
            Assert.Equal("Platform Mentoring <mentoring@example.org>", email.From); // the program's voice, the deployment's address
            Assert.Equal("hr.lead@example.com", email.ReplyTo); // replies reach the program's admin
        });
        var sent = beforeLaunch.Single(e => e.To.Contains("ben@example.com", StringComparison.Ordinal));
        var preview = await host.Api.SendAsync(HttpMethod.Get, "programs/content-goal/previews/campaign-before-launch?pairId=ana-ben&recipient=mentee");
        Assert.False(preview.GetProperty("example").GetBoolean());
        Assert.Equal(sent.Subject, preview.GetProperty("subject").GetString());
        Assert.Equal(WithoutLinks(sent.Text), WithoutLinks(preview.GetProperty("text").GetString()!));
    }

    [Fact]
    public async Task Preview_OfARealPair_ShowsItsOwnNumbers_WithoutAPair_AnExampleMarkedAsOne()
    {
        await using var host = await EmailHost.StartAsync(Now);
        await CreateProgramAsync(host.Api, "content-preview");
        await ImportAsync(host.Api, "content-preview");
        await host.DrainAsync();
        host.Time.Advance(TimeSpan.FromDays(10));
        await host.Api.SendAsync(HttpMethod.Post, "programs/content-preview/pairs/ana-ben/meetings", AdminApi.Json(new { start = Now.AddDays(9), outcome = "held" }));
        await host.DrainAsync();
        host.Time.Advance(TimeSpan.FromDays(20)); // 21 days after the meeting held on day 9

        var real = await host.Api.SendAsync(HttpMethod.Get, "programs/content-preview/previews/ladder-value-reminder?pairId=ana-ben");
        var example = await host.Api.SendAsync(HttpMethod.Get, "programs/content-preview/previews/ladder-value-reminder");

        var text = real.GetProperty("text").GetString()!;
        Assert.False(real.GetProperty("example").GetBoolean());
        Assert.StartsWith("Hi Ben,", text, StringComparison.Ordinal);
        Assert.Contains("- 21 days since you last met", text, StringComparison.Ordinal);
        Assert.Contains("- 1 meeting held so far", text, StringComparison.Ordinal);
        Assert.Contains("You agreed to meet every 21 days.", text, StringComparison.Ordinal);
        Assert.Contains("Why the company runs this program: " + Goal, text, StringComparison.Ordinal);
        var exampleText = example.GetProperty("text").GetString()!;
        Assert.True(example.GetProperty("example").GetBoolean());
        Assert.StartsWith("[Example pair] ", example.GetProperty("subject").GetString(), StringComparison.Ordinal);
        Assert.Contains("mentoring with Alex (example)", exampleText, StringComparison.Ordinal);
        Assert.Contains("- 35 days since you last met", exampleText, StringComparison.Ordinal);
        Assert.Contains("You agreed to meet every 21 days.", exampleText, StringComparison.Ordinal);
    }

    /// <summary>Found by a walkthrough: proofing the ladder of a pair that starts next week read "-6 days without a meeting".</summary>
    [Fact]
    public async Task Preview_OfAPairThatStartsNextWeek_CountsNoNegativeDays()
    {
        await using var host = await EmailHost.StartAsync(Now);
        await CreateProgramAsync(host.Api, "content-ahead");
        await host.Api.SendAsync(HttpMethod.Post, "programs/content-ahead/participant-imports", AdminApi.Csv(People));
        await host.Api.SendAsync(HttpMethod.Post, "programs/content-ahead/pairs", AdminApi.Json(new
        {
            id = "ana-ben",
            mentorId = "ana",
            menteeId = "ben",
            startedAt = Now.AddDays(6),
        }));

        foreach (var template in new[] { "ladder-nudge", "ladder-value-reminder" })
        {
            var preview = await host.Api.SendAsync(HttpMethod.Get, $"programs/content-ahead/previews/{template}?pairId=ana-ben");
            Assert.Equal("0", preview.GetProperty("facts").GetProperty("daysSinceLastMeeting").GetString());
            var words = preview.GetProperty("subject").GetString() + "\n" + preview.GetProperty("text").GetString();
            Assert.DoesNotMatch(@"-\d+ (day|Tag)", words);
        }
    }

    [Fact]
    public async Task TemplateOverride_ValidatedOnSave_IsWhatIsSentAndPreviewed()
    {
        await using var host = await EmailHost.StartAsync(Now);
        await CreateProgramAsync(host.Api, "content-override");
        using var client = host.Api.Client();

        using var refused = await client.PutAsync(
            new Uri("/api/programs/content-override/templates/campaign-before-launch", UriKind.Relative),
            AdminApi.Json(new { text = "Hi {{ recipient.salary }}" }));
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("recipient.salary", problem.GetProperty("errors").GetProperty("text")[0].GetString(), StringComparison.Ordinal);

        await host.Api.SendAsync(HttpMethod.Put, "programs/content-override/templates/campaign-before-launch", AdminApi.Json(new
        {
            subject = "{{ program.name }}: you and {{ pair.partnerFirstName }} start soon",
            text = "Hi {{ recipient.firstName }},\n\nOur goal, in one line: {{ program.businessGoal }}\n\nBook the first meeting: {{ links.bookNext }}\n",
        }));
        await ImportAsync(host.Api, "content-override");
        await host.DrainAsync();
        var preview = await host.Api.SendAsync(HttpMethod.Get, "programs/content-override/previews/campaign-before-launch?pairId=ana-ben&recipient=mentee");

        var ben = host.Emails().Single(e => e.Template == "campaign-before-launch" && e.To.Contains("ben@example.com", StringComparison.Ordinal));
        Assert.Equal("Platform Mentoring: you and Ana start soon", ben.Subject);
        Assert.StartsWith("Hi Ben,\n\nOur goal, in one line: " + Goal + "\n\nBook the first meeting: http", ben.Text, StringComparison.Ordinal);
        Assert.Equal("Platform Mentoring: you and Ana start soon", preview.GetProperty("subject").GetString());
        Assert.StartsWith("Hi Ben,\n\nOur goal, in one line: " + Goal, preview.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CycleClose_NamesTheNextCycleStart_InEachReadersCulture()
    {
        await using var host = await EmailHost.StartAsync(Now);
        // No ladder within the cycle (a long cadence and slow start): only the campaign writes.
        await CreateProgramAsync(host.Api, "content-close", culture: "de-DE", cadenceDays: 60, policy: new { slowStartDays = 60 }, cycleDays: 30);
        await host.Api.SendAsync(HttpMethod.Post, "programs/content-close/cycles", AdminApi.Json(new { id = "2026-q3", start = Now.AddDays(50), end = Now.AddDays(140), current = false }));
        await ImportAsync(host.Api, "content-close");
        await host.DrainAsync();
        var program = await host.Api.SendAsync(HttpMethod.Get, "programs/content-close");
        Assert.Equal(7, program.GetProperty("policy").GetProperty("campaign").GetProperty("closeBeforeEndDays").GetInt32());

        host.Time.Advance(TimeSpan.FromDays(29)); // a week before the cycle's last day (Wednesday 15 April): the close email's moment
        await host.SweepAsync();

        var close = host.Emails().Where(e => e.Template == "campaign-close").ToList();
        var ben = Of(close, "ben"); // en-US
        Assert.Contains("The next cycle starts on Wednesday, April 29 2026.", ben.Text, StringComparison.Ordinal);
        Assert.Equal("en", ben.ContentLanguage);
        // Ana has no culture of her own: the program's de-DE, so the German email with German dates (one language per email).
        var ana = Of(close, "ana");
        Assert.Contains("Der nächste Zyklus beginnt am Mittwoch, 29. April 2026.", ana.Text, StringComparison.Ordinal);
        Assert.StartsWith("Hallo Ana,", ana.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("The next cycle", ana.Text, StringComparison.Ordinal);
        Assert.Equal("de", ana.ContentLanguage);
    }

    [Fact]
    public async Task LadderNotes_GreetTheManagerAndTheAdminByName()
    {
        await using var host = await EmailHost.StartAsync(Now);
        await CreateProgramAsync(
            host.Api,
            "content-ladder",
            sponsorEmail: null,
            cadenceDays: 2,
            policy: new { slowStartDays = 1, ladder = new { stepSpacingDays = new[] { 1 } }, campaign = new { enabled = false }, sending = new { ignoreQuietHours = true } },
            cycleDays: 60,
            startInDays: -1);
        await ImportAsync(host.Api, "content-ladder");
        await host.DrainAsync();

        await host.LiveDaysAsync(12);

        var emails = host.Emails();
        var manager = emails.Single(e => e.Template == "ladder-sponsor-note");
        Assert.Contains("mo@example.com", manager.To, StringComparison.Ordinal);
        Assert.StartsWith("Hi Mo,\n\nAna, in your team, mentors in Platform Mentoring", manager.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ben", manager.Subject + manager.Text, StringComparison.Ordinal); // Ana agreed to her manager; Ben did not
        Assert.DoesNotContain("health", manager.Text, StringComparison.OrdinalIgnoreCase);
        var alerts = emails.Where(e => e.Template == "ladder-admin-alert").ToList();
        Assert.NotEmpty(alerts);
        Assert.All(alerts, alert =>
        {
            Assert.Contains("hr.lead@example.com", alert.To, StringComparison.Ordinal);
            Assert.StartsWith("Hi Priya,", alert.Text, StringComparison.Ordinal);
        });
    }

    private static Eml Of(IEnumerable<Eml> emails, string person) =>
        emails.Single(e => e.To.Contains(person + "@example.com", StringComparison.Ordinal));

    /// <summary>The text with each link replaced by one placeholder: sent links carry tokens, a preview's go nowhere.</summary>
    private static string WithoutLinks(string text) => Link().Replace(text, "<link>");

    [GeneratedRegex(@"(https?://|#preview-)\S+")]
    private static partial Regex Link();

    /// <summary>
    /// A program whose admins are named ("Priya Shah &lt;hr.lead@…&gt;") and whose cycle starts in
    /// <paramref name="startInDays"/> days (six by default: its before-launch moment has come).
    /// </summary>
    private static async Task CreateProgramAsync(
        AdminApi api, string programId, string? culture = null, int cadenceDays = 21, object? policy = null, int cycleDays = 90,
        int startInDays = 6, string? sponsorEmail = "dana@example.com")
    {
        await api.SendAsync(HttpMethod.Post, "programs", AdminApi.Json(new
        {
            id = programId,
            name = "Platform Mentoring",
            businessGoal = Goal,
            timeZone = "Europe/Berlin",
            admins = new[] { "Priya Shah <hr.lead@example.com>", "ops@example.com" },
            sponsorName = "Dana Whitfield",
            sponsorRole = "Chief Technology Officer",
            sponsorWords = SponsorWords,
            sponsorEmail,
            cadenceDays,
            culture,
            policy,
        }));
        await api.SendAsync(HttpMethod.Post, $"programs/{programId}/cycles", AdminApi.Json(new
        {
            id = "2026-q2",
            start = Now.AddDays(startInDays),
            end = Now.AddDays(startInDays + cycleDays),
        }));
    }

    /// <summary>Four participants and two pairs from CSV: Ana (whose manager Mo may be written to) mentors Ben, Carla mentors Dev.</summary>
    private static async Task ImportAsync(AdminApi api, string programId)
    {
        await api.SendAsync(HttpMethod.Post, $"programs/{programId}/participant-imports", AdminApi.Csv(People));
        await api.SendAsync(HttpMethod.Post, $"programs/{programId}/pair-imports", AdminApi.Csv(Pairs));
    }
}
