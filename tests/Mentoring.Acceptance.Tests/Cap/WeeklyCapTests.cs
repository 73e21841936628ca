using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mentoring.Acceptance.Tests.World;

namespace Mentoring.Acceptance.Tests.Cap;

/// <summary>
/// The weekly cap as one busy mentor lives it: Maya mentors three pairs of one program and one of another, none of which
/// ever meets, so all four ladders want to write to her on the same morning. Through the public doors only (admin API,
/// the outbox, the test's clock), on a host of its own.
/// </summary>
public sealed class WeeklyCapPlay : IAsyncLifetime
{
    public const string Maya = "maya.lind@cap.example";

    /// <summary>Monday 4 January 2027, 06:00 UTC; both cycles start at 09:00 in Berlin that day.</summary>
    public static readonly DateTimeOffset Start = new(2027, 1, 4, 6, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset CycleStart = new(2027, 1, 4, 8, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset End = new(2027, 2, 6, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Program → its pairs: (pair, mentee id, mentee first name). Maya mentors all four.</summary>
    public static readonly (string Program, (string Pair, string Mentee, string Name)[] Pairs)[] Programs =
    [
        ("cap-eng", [("e1", "ali", "Ali"), ("e2", "bea", "Bea"), ("e3", "cem", "Cem")]),
        ("cap-ops", [("o1", "dan", "Dan")]),
    ];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private LocalHostUnderTest? _host;

    internal IReadOnlyList<ReceivedEmail> Emails => (_host ?? throw new InvalidOperationException("Not started.")).Outbox.All();

    internal LocalHostUnderTest Host => _host ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _host = await LocalHostUnderTest.StartAsync(Start, new Uri("http://127.0.0.1:9/"));
        foreach (var (program, pairs) in Programs)
        {
            await AdminAsync(HttpMethod.Post, "programs", JsonContent.Create(new
            {
                id = program,
                name = "Mentoring " + program,
                businessGoal = "Ship safely, sooner.",
                timeZone = "Europe/Berlin",
                admins = new[] { "admin@cap.example" },
                cadenceDays = 14,
            }, options: Json));
            await AdminAsync(HttpMethod.Post, $"programs/{program}/cycles", JsonContent.Create(new { id = "q1", start = CycleStart, end = CycleStart.AddDays(84), current = true }, options: Json));
            var people = new StringBuilder("id,name,email,role,timeZone,managerEmail,managerNotesConsent\nmaya,Maya Lind,maya.lind@cap.example,mentor,Europe/Berlin,,false\n");
            var csv = new StringBuilder("id,mentorId,menteeId,cycleId,startedAt\n");
            foreach (var (pair, mentee, name) in pairs)
            {
                people.Append(CultureInfo.InvariantCulture, $"{mentee},{name} Test,{mentee}@cap.example,mentee,Europe/Berlin,,false\n");
                csv.Append(CultureInfo.InvariantCulture, $"{pair},maya,{mentee},q1,{CycleStart:yyyy-MM-ddTHH:mm:ssZ}\n");
            }

            await AdminAsync(HttpMethod.Post, $"programs/{program}/participant-imports", new StringContent(people.ToString(), Encoding.UTF8, "text/csv"));
            await AdminAsync(HttpMethod.Post, $"programs/{program}/pair-imports", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
        }

        await Host.Clock.SettleAsync(TimeSpan.FromMinutes(1));

        // Nothing capped can fall due before the nudges (14 days without a first meeting): one jump to the Friday before.
        Host.Clock.MoveTo(CycleStart.AddDays(11));
        await Host.Clock.SettleAsync(TimeSpan.FromMinutes(1));
        var now = Host.Clock.GetUtcNow();
        while (now < End)
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

    internal async Task<JsonElement> AdminAsync(HttpMethod method, string path, HttpContent? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri("api/" + path, UriKind.Relative)) { Content = body };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", LocalHostUnderTest.AdminKey);
        using var response = await Host.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}

/// <summary>"Never more than [2] nudges, value reminders or thank-yous per person in any 7 days" (docs/engine.md), read from the outbox.</summary>
public sealed class WeeklyCapTests(WeeklyCapPlay play) : IClassFixture<WeeklyCapPlay>
{
    private static readonly string[] Capped = ["ladder-nudge", "ladder-value-reminder", "thank-you"];

    /// <summary>
    /// Found by this test: on 2027-01-18 at 09:00 Maya got three or four nudges at once (concurrent evaluations and
    /// dispatches each read her recent messages before the others wrote theirs, and the dispatcher counted one program's),
    /// and on 2027-01-25 four capped emails at once. The cap is now claimed on her send ledger, across programs.
    /// </summary>
    [Fact]
    public void BusyMentor_InFourPairsOfTwoPrograms_NeverGetsMoreThanTwoCappedEmails_InAnySevenDays()
    {
        var maya = play.Emails.Where(e => e.To == WeeklyCapPlay.Maya && Capped.Contains(e.Template)).ToList();
        Assert.NotEmpty(maya);
        foreach (var email in maya)
        {
            var week = maya.Where(e => e.Date >= email.Date && e.Date < email.Date.AddDays(7)).ToList();
            Assert.True(week.Count <= 2, $"Maya got {week.Count} capped emails in the 7 days from {email.Date:yyyy-MM-dd HH:mm}Z:\n{Describe(maya)}");
        }
    }

    [Fact]
    public void TheCap_Defers_NeverDrops_EveryPairsNudgeReachesHer()
    {
        var nudges = play.Emails.Where(e => e.To == WeeklyCapPlay.Maya && e.Template == "ladder-nudge").ToList();
        foreach (var (_, pairs) in WeeklyCapPlay.Programs)
        {
            foreach (var (_, _, name) in pairs)
                Assert.True(nudges.Any(n => n.Subject.Contains(name, StringComparison.Ordinal)), $"No nudge about {name} reached Maya:\n{Describe(nudges)}");
        }

        // Four nudges fell due on the same morning: the last ones went at least a week after the first.
        Assert.True(nudges[^1].Date - nudges[0].Date >= TimeSpan.FromDays(7), Describe(nudges));
    }

    [Fact]
    public void TheCap_CountsThePerson_NotThePair_HerMenteesHearOnTime()
    {
        var due = WeeklyCapPlay.CycleStart.AddDays(14);
        foreach (var (_, pairs) in WeeklyCapPlay.Programs)
        {
            foreach (var (_, mentee, _) in pairs)
            {
                var nudge = play.Emails.FirstOrDefault(e => e.To == mentee + "@cap.example" && e.Template == "ladder-nudge");
                Assert.True(nudge is not null && nudge.Date < due.AddDays(1), $"{mentee}'s nudge: {nudge?.ToString() ?? "none"}");
            }
        }
    }

    [Fact]
    public void TheHost_LoggedNoErrors() => Assert.Empty(play.Host.Errors.Entries);

    private static string Describe(IEnumerable<ReceivedEmail> emails) => string.Join("\n", emails.Select(e => "  " + e));
}
