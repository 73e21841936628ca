using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mentoring.Acceptance.Tests.World;

namespace Mentoring.Acceptance.Tests.Language;

/// <summary>
/// One pair, two languages: Jonas (de-DE, Berlin) mentors Emma (en-GB, London) in a program made through the admin API
/// and a CSV import with a <c>culture</c> column. The clock runs from a week before the cycle to the first nudges; each
/// reads every email in their own language and date format, as the <c>.eml</c> files the host wrote say.
/// </summary>
public sealed class TwoLanguagePlay : IAsyncLifetime
{
    public const string Jonas = "jonas.becker@lang.example";
    public const string Emma = "emma.clarke@lang.example";

    /// <summary>Monday 4 January 2027, 06:00 UTC: the before-launch moment (a week before the cycle) comes this morning.</summary>
    public static readonly DateTimeOffset Start = new(2027, 1, 4, 6, 0, 0, TimeSpan.Zero);

    /// <summary>Monday 11 January 2027, 09:00 in Berlin, 08:00 in London.</summary>
    public static readonly DateTimeOffset CycleStart = new(2027, 1, 11, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Three weeks after the start: the pair never meets, so the first ladder step (day 14) has come by then.</summary>
    public static readonly DateTimeOffset End = new(2027, 2, 1, 0, 0, 0, TimeSpan.Zero);

    private const string People =
        "id,name,email,role,timeZone,managerEmail,managerNotesConsent,managerName,culture\n"
        + "jonas,Jonas Becker," + Jonas + ",mentor,Europe/Berlin,,false,,de-DE\n"
        + "emma,Emma Clarke," + Emma + ",mentee,Europe/London,,false,,en-GB\n";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private LocalHostUnderTest? _host;

    internal LocalHostUnderTest Host => _host ?? throw new InvalidOperationException("Not started.");

    internal IReadOnlyList<ReceivedEmail> Emails => Host.Outbox.All();

    public async Task InitializeAsync()
    {
        _host = await LocalHostUnderTest.StartAsync(Start, new Uri("http://127.0.0.1:9/"));
        await AdminAsync(HttpMethod.Post, "programs", JsonContent.Create(new
        {
            id = "lang",
            name = "Platform Mentoring",
            businessGoal = "Ship safely, sooner.",
            timeZone = "Europe/Berlin",
            admins = new[] { "admin@lang.example" },
            cadenceDays = 14,
        }, options: Json));
        await AdminAsync(HttpMethod.Post, "programs/lang/cycles", JsonContent.Create(new { id = "q1", start = CycleStart, end = CycleStart.AddDays(84) }, options: Json));
        await AdminAsync(HttpMethod.Post, "programs/lang/participant-imports", new StringContent(People, Encoding.UTF8, "text/csv"));
        await AdminAsync(HttpMethod.Post, "programs/lang/pair-imports", new StringContent("id,mentorId,menteeId\njonas-emma,jonas,emma\n", Encoding.UTF8, "text/csv"));
        await Host.Clock.SettleAsync(TimeSpan.FromMinutes(1));

        // Three-hour steps on working days, one over each weekend, until both have had their first nudge.
        var now = Host.Clock.GetUtcNow();
        while (now < End && Emails.Count(e => e.Template == "ladder-nudge") < 2)
        {
            var next = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour / 3 * 3, 0, 0, TimeSpan.Zero).AddHours(3);
            if (next.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
                next = new DateTimeOffset(next.Date.AddDays(next.DayOfWeek == DayOfWeek.Saturday ? 2 : 1), TimeSpan.Zero);
            Host.Clock.MoveTo(next < End ? next : End);
            await Host.Clock.SettleAsync(TimeSpan.FromMinutes(1));
            now = Host.Clock.GetUtcNow();
        }
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync();
    }

    internal ReceivedEmail To(string address, string template)
    {
        var emails = Emails.Where(e => e.To == address && e.Template == template).ToList();
        Assert.True(emails.Count == 1, $"{address} should have one {template}; the outbox has:\n" + string.Join("\n", Emails.Select(e => "  " + e)));
        return emails[0];
    }

    private async Task AdminAsync(HttpMethod method, string path, HttpContent body)
    {
        using var request = new HttpRequestMessage(method, new Uri("api/" + path, UriKind.Relative)) { Content = body };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", LocalHostUnderTest.AdminKey);
        using var response = await Host.Http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}

/// <summary>"The reader's language": each person of a pair gets the engine's emails in their own language and dates.</summary>
public sealed class ReaderLanguageTests(TwoLanguagePlay play) : IClassFixture<TwoLanguagePlay>
{
    public static TheoryData<string> Templates() => ["campaign-before-launch", "campaign-launch", "ladder-nudge"];

    [Theory]
    [MemberData(nameof(Templates))]
    public void GermanMentor_ReadsGerman_AndTheEmailSaysSo(string template)
    {
        var email = play.To(TwoLanguagePlay.Jonas, template);

        Assert.Equal("de", email.Headers["Content-Language"]);
        Assert.Contains("<html lang=\"de\">", email.Html, StringComparison.Ordinal);
        Assert.StartsWith("Hallo Jonas,\n\n", email.Text, StringComparison.Ordinal);
        Assert.Contains("Vielen Dank und viele Grüße\nIhr Team von Platform Mentoring", email.Text, StringComparison.Ordinal);
        Assert.Contains("Sie erhalten diese E-Mail, weil Sie an Platform Mentoring beteiligt sind.", email.Text, StringComparison.Ordinal);
        Assert.Contains("Diese E-Mails abbestellen", email.Html, StringComparison.Ordinal);
        foreach (var english in new[] { "Hi ", "Thank you", "You receive this", "Unsubscribe" })
            Assert.DoesNotContain(english, email.Subject + email.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void EnglishMentee_ReadsEnglish_AndTheEmailSaysSo(string template)
    {
        var email = play.To(TwoLanguagePlay.Emma, template);

        Assert.Equal("en", email.Headers["Content-Language"]);
        Assert.Contains("<html lang=\"en\">", email.Html, StringComparison.Ordinal);
        Assert.StartsWith("Hi Emma,\n\n", email.Text, StringComparison.Ordinal);
        Assert.Contains("Thank you,\nThe Platform Mentoring team", email.Text, StringComparison.Ordinal);
        foreach (var german in new[] { "Hallo", "Sie ", "Treffen", "Vielen Dank" })
            Assert.DoesNotContain(german, email.Subject + email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void BeforeLaunch_TheStartDate_InEachReadersFormat()
    {
        var german = play.To(TwoLanguagePlay.Jonas, "campaign-before-launch");
        var english = play.To(TwoLanguagePlay.Emma, "campaign-before-launch");

        Assert.Equal("Ihr Mentoring beginnt am Montag, 11. Januar 2027", german.Subject);
        Assert.Contains("Am Montag, 11. Januar 2027 beginnt für Sie Platform Mentoring: Sie begleiten Emma im Mentoring.", german.Text, StringComparison.Ordinal);
        Assert.Contains("alle 14 Tage, in beiden Kalendern", german.Text, StringComparison.Ordinal);
        Assert.Equal("Your mentoring starts Monday 11 January 2027", english.Subject);
        Assert.Contains("On Monday 11 January 2027 you start Platform Mentoring with Jonas as your mentor.", english.Text, StringComparison.Ordinal);
        Assert.Contains("every 14 days, in both calendars", english.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Launch_AndTheFirstNudge_EachInTheirOwnWords()
    {
        Assert.Equal("Start heute: Ihr erstes Treffen mit Emma schützen", play.To(TwoLanguagePlay.Jonas, "campaign-launch").Subject);
        Assert.Equal("Starts today: protect your first meeting with Jonas", play.To(TwoLanguagePlay.Emma, "campaign-launch").Subject);

        var german = play.To(TwoLanguagePlay.Jonas, "ladder-nudge");
        var english = play.To(TwoLanguagePlay.Emma, "ladder-nudge");
        Assert.StartsWith("Erstes Treffen mit Emma? Seit ", german.Subject, StringComparison.Ordinal);
        Assert.EndsWith(" Tagen ein Paar", german.Subject, StringComparison.Ordinal);
        Assert.Contains("Die nächsten 30 Minuten buchen: http", german.Text, StringComparison.Ordinal);
        Assert.StartsWith("Time to meet Jonas? ", english.Subject, StringComparison.Ordinal);
        Assert.Contains("Book the next 30 minutes: http", english.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void EachEmail_InTheReadersWorkingHours()
    {
        foreach (var (address, zone) in new[] { (TwoLanguagePlay.Jonas, "Europe/Berlin"), (TwoLanguagePlay.Emma, "Europe/London") })
        {
            foreach (var email in play.Emails.Where(e => e.To == address))
            {
                var local = TimeZoneInfo.ConvertTime(email.Date, TimeZoneInfo.FindSystemTimeZoneById(zone));
                Assert.True(local.TimeOfDay >= TimeSpan.FromHours(9) && local.TimeOfDay < TimeSpan.FromHours(17), string.Create(CultureInfo.InvariantCulture, $"{email} at {local:HH:mm} in {zone}"));
            }
        }
    }

    [Fact]
    public void TheHost_LoggedNoErrors() => Assert.Empty(play.Host.Errors.Entries);
}
