using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Mentoring.Functions.Tests.FunctionsHost;
using Xunit.Abstractions;

namespace Mentoring.Functions.Tests;

/// <summary>
/// One scenario, run against both hosts (<see cref="DeployableTests"/>: the published app on the real Functions host;
/// <see cref="LocalHostScenarioTests"/>: the local host), with the same settings — infra/main.bicep's, local values in
/// place — driven only through the public doors: HTTP routes, the queues, the timers, and what SendGrid receives. Where
/// the hosts overlap they must behave the same; what only one host can show is asserted in its own hooks.
/// </summary>
public abstract partial class SharedScenario
{
    private const string PreMeetingReminder = "pre-meeting-reminder";

    private readonly IAppUnderTest _host;

    private protected SharedScenario(IAppUnderTest host, ITestOutputHelper output)
    {
        _host = host;
        output.WriteLine($"Host: {host.Description}");
        output.WriteLine("Settings from infra/main.bicep, except: " + string.Join("; ", host.LocalDifferences));
    }

    /// <summary>What only this host can show about a function (handler) that ran and succeeded.</summary>
    private protected abstract void AssertRan(string function);

    /// <summary>What only this host can show about a message parked after its tries failed.</summary>
    private protected abstract void AssertParkedAfterFailedTries();

    [Fact]
    public async Task Health_Answers_And_AdminApi_WantsAKey()
    {
        using var health = await _host.Http.GetAsync(new Uri(_host.BaseUrl, "api/health"));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("healthy", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var anonymous = await _host.Http.GetAsync(new Uri(_host.BaseUrl, "api/programs"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);

        using var withKey = await _host.Http.SendAsync(_host.Admin(HttpMethod.Get, "programs"));
        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);

        using var bearer = new HttpRequestMessage(HttpMethod.Get, new Uri(_host.BaseUrl, "api/programs"));
        bearer.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestValues.AdminKey);
        using var withBearer = await _host.Http.SendAsync(bearer);
        Assert.Equal(HttpStatusCode.OK, withBearer.StatusCode);
    }

    [Fact]
    public async Task GraphValidationHandshake_EchoesTheToken()
    {
        using var response = await _host.Http.PostAsync(
            new Uri(_host.BaseUrl, "api/webhooks/graph?validationToken=Validation%3A%20Testing%20client%20application%20reachability"),
            new StringContent("", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Validation: Testing client application reachability", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SweepTimer_NudgesAQuietPair_ThroughSendGrid_AndTheCheckInLinkRecordsTheAnswer()
    {
        var program = await CreateProgramAsync("quiet", startedDaysAgo: 45, preMeetingReminders: false);

        var nudge = await WaitForEmailAsync(program.MenteeEmail, body => body.Subject.Length > 0);
        AssertRan("Sweep");
        Assert.Contains("45 days", nudge.Text, StringComparison.Ordinal);

        var link = CheckInLink().Matches(nudge.Html + nudge.Text).Select(m => m.Value).First();
        var local = new Uri(link.Replace("https://", "http://", StringComparison.Ordinal));
        using var page = await _host.Http.GetAsync(local);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var form = await page.Content.ReadAsStringAsync();
        var fields = form.Contains("name=\"at\"", StringComparison.Ordinal)
            ? new Dictionary<string, string> { ["at"] = TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(3).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture) }
            : form.Contains("name=\"reason\"", StringComparison.Ordinal) ? new Dictionary<string, string> { ["reason"] = "work" } : [];
        using var answer = await _host.Http.PostAsync(local, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);

        var timeline = await TimelineAsync(program);
        Assert.Contains(timeline.GetProperty("ledger").EnumerateArray(), c => c.GetProperty("source").GetString() == "checkin");
    }

    [Fact]
    public async Task SignedCalComBooking_EndsAsALedgerChange_AnEvaluation_AndAReminderEmail()
    {
        var program = await CreateProgramAsync("calcom", startedDaysAgo: 2, preMeetingReminders: true);
        var start = TimeProvider.System.GetUtcNow().AddHours(20);
        var body = CalComBookingCreated(program, start);

        using var unsigned = await _host.Http.PostAsync(new Uri(_host.BaseUrl, $"api/webhooks/calcom/{program.Id}"), new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);

        using var delivery = new HttpRequestMessage(HttpMethod.Post, new Uri(_host.BaseUrl, $"api/webhooks/calcom/{program.Id}")) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        delivery.Headers.Add("X-Cal-Signature-256", Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(TestValues.WebhookSecrets["Calcom"]), Encoding.UTF8.GetBytes(body))));
        using var accepted = await _host.Http.SendAsync(delivery);
        Assert.True(accepted.IsSuccessStatusCode, $"Cal.com delivery answered {(int)accepted.StatusCode}: {await accepted.Content.ReadAsStringAsync()}");

        var timeline = await WaitForTimelineAsync(program, t => t.GetProperty("ledger").EnumerateArray().Any(c => c.GetProperty("kind").GetString() == "scheduled"));
        var scheduled = Assert.Single(timeline.GetProperty("ledger").EnumerateArray(), c => c.GetProperty("kind").GetString() == "scheduled");
        Assert.Equal(start.ToUnixTimeSeconds(), scheduled.GetProperty("start").GetDateTimeOffset().ToUnixTimeSeconds());
        AssertRan("EvaluatePair");
        var reminder = await WaitForEmailAsync(program.MenteeEmail, email => email.Categories.Contains(PreMeetingReminder));
        Assert.Contains("Maria", reminder.Text, StringComparison.Ordinal);
        Assert.NotEmpty(reminder.Subject);
    }

    [Fact]
    public async Task AMessageMissingARequiredField_IsParkedAtOnce_NamingWhatIsMissing()
    {
        var queue = new QueueClient(_host.StorageConnectionString, "pair-evaluations", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.SendMessageAsync("{\"evaluationId\":\"missing-field-test\",\"pairId\":\"p1\"}");

        await WaitForPoisonAsync("missing-field-test", TimeSpan.FromSeconds(60));

        Assert.Contains("cannot be parsed (not a EvaluatePair: missing required", _host.Log, StringComparison.Ordinal);
        Assert.Contains("programId", _host.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEvaluationThatFailsEveryTry_IsParkedByTheHost_AfterHostJsonsTriesAndPauses()
    {
        // A well-formed message whose pair row cannot be read (a stored date that is not a date): every try throws.
        var program = await CreateProgramAsync("poison", startedDaysAgo: 2, preMeetingReminders: false);
        var pairs = new TableClient(_host.StorageConnectionString, "pairs");
        await pairs.UpsertEntityAsync(new TableEntity(program.Id, program.PairId) { ["StartedAt"] = "not a date" }, TableUpdateMode.Merge);
        var queue = new QueueClient(_host.StorageConnectionString, "pair-evaluations", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var sent = TimeProvider.System.GetUtcNow();
        await queue.SendMessageAsync(JsonSerializer.Serialize(new { evaluationId = "poison-test", programId = program.Id, pairId = program.PairId }));

        TimeSpan elapsed;
        try
        {
            await WaitForPoisonAsync("poison-test", TimeSpan.FromMinutes(6)); // visibilityTimeout 00:00:30 between tries, 5 tries
            elapsed = TimeProvider.System.GetUtcNow() - sent;
        }
        finally
        {
            // Mend the row, so that the sweep (every 5 s here) stops failing on it while the other tests run.
            await pairs.UpsertEntityAsync(new TableEntity(program.Id, program.PairId) { ["StartedAt"] = sent.AddDays(-2) }, TableUpdateMode.Merge);
        }

        // Parked by the host after host.json's maxDequeueCount (5) failed runs, not by the app's own unparseable-message path.
        AssertParkedAfterFailedTries();
        // host.json's visibilityTimeout (30 s) separates the tries; the host's default (0) would retry at once.
        Assert.True(elapsed >= TimeSpan.FromSeconds(4 * 30 * 0.9), $"parked after {elapsed}: the tries were not 30 s apart");
    }

    private async Task WaitForPoisonAsync(string marker, TimeSpan timeout)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            using var response = await _host.Http.SendAsync(_host.Admin(HttpMethod.Get, "queues/pair-evaluations/poison"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var list = await response.Content.ReadFromJsonAsync<JsonElement>();
            var items = list.ValueKind == JsonValueKind.Array ? list : list.GetProperty("items");
            if (items.EnumerateArray().Any(m => m.GetRawText().Contains(marker, StringComparison.Ordinal)))
                return;
            await Task.Delay(2000);
        }

        Assert.Fail($"{marker} was not parked within {timeout}; host log:{Environment.NewLine}{_host.Tail(120)}");
    }

    private sealed record TestProgram(string Id, string PairId, string MentorName, string MentorEmail, string MenteeEmail);

    private sealed record SentEmail(string To, string Subject, string Text, string Html, IReadOnlyList<string> Categories);

    private async Task<TestProgram> CreateProgramAsync(string name, int startedDaysAgo, bool preMeetingReminders)
    {
        var id = $"fh-{name}-{Guid.NewGuid():N}"[..20];
        // Pair ids unique across programs: calendar matching treats one used in two programs as ambiguous (PairDirectory).
        var program = new TestProgram(id, "pair-" + id, "Maria Mentor", $"maria.{id}@contoso.com", $"tom.{id}@contoso.com");
        await SendAsync(HttpMethod.Post, "programs", JsonContent.Create(new
        {
            id,
            name = "Engineering mentoring",
            businessGoal = "Grow our engineers into tech leads",
            timeZone = "Europe/London",
            admins = new[] { $"hr.{id}@contoso.com" },
            sponsorName = "Ada Sponsor",
            sponsorRole = "CTO",
            sponsorWords = "Mentoring is how we grow leads.",
            cadenceDays = 14,
            policy = new { sending = new { ignoreQuietHours = true }, campaign = new { preMeetingReminders } },
        }));
        var today = TimeProvider.System.GetUtcNow().Date;
        await SendAsync(HttpMethod.Post, $"programs/{id}/cycles", JsonContent.Create(new { id = "c1", start = today.AddDays(-60), end = today.AddDays(90), current = true }));
        var csv = "id,name,email,role,timeZone,managerEmail,managerNotesConsent\n"
            + $"p-maria,{program.MentorName},{program.MentorEmail},mentor,Europe/Amsterdam,,false\n"
            + $"p-tom,Tom Mentee,{program.MenteeEmail},mentee,Europe/London,,false\n";
        await SendAsync(HttpMethod.Post, $"programs/{id}/participant-imports", new StringContent(csv, Encoding.UTF8, "text/csv"));
        await SendAsync(HttpMethod.Post, $"programs/{id}/pairs", JsonContent.Create(new
        {
            id = program.PairId,
            mentorId = "p-maria",
            menteeId = "p-tom",
            cycleId = "c1",
            startedAt = TimeProvider.System.GetUtcNow().AddDays(-startedDaysAgo),
        }));
        return program;
    }

    private async Task SendAsync(HttpMethod method, string path, HttpContent content)
    {
        using var response = await _host.Http.SendAsync(_host.Admin(method, path, content));
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<JsonElement> TimelineAsync(TestProgram program)
    {
        using var response = await _host.Http.SendAsync(_host.Admin(HttpMethod.Get, $"programs/{program.Id}/pairs/{program.PairId}/timeline"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> WaitForTimelineAsync(TestProgram program, Func<JsonElement, bool> matches)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(90);
        while (true)
        {
            var timeline = await TimelineAsync(program);
            if (matches(timeline))
                return timeline;
            if (TimeProvider.System.GetUtcNow() > deadline)
                throw new TimeoutException($"the timeline never showed what was expected: {timeline}{Environment.NewLine}{_host.Tail()}");
            await Task.Delay(500);
        }
    }

    /// <summary>Waits for SendGrid to receive an email to <paramref name="to"/> that matches; checks the schema of all.</summary>
    private async Task<SentEmail> WaitForEmailAsync(string to, Func<SentEmail, bool> matches)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(90);
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            List<JsonElement> bodies;
            lock (_host.SendGrid.Violations)
            {
                Assert.All(_host.SendGrid.Violations, v => Assert.Empty(v));
                bodies = [.. _host.SendGrid.Bodies];
            }

            var found = bodies.Select(Read).FirstOrDefault(e => string.Equals(e.To, to, StringComparison.OrdinalIgnoreCase) && matches(e));
            if (found is not null)
                return found;
            await Task.Delay(500);
        }

        throw new TimeoutException($"SendGrid received no matching email to {to}; host log:{Environment.NewLine}{_host.Tail()}");
    }

    private static SentEmail Read(JsonElement body)
    {
        var to = body.GetProperty("personalizations")[0].GetProperty("to")[0].GetProperty("email").GetString() ?? "";
        var subject = body.TryGetProperty("subject", out var s) ? s.GetString() ?? "" : body.GetProperty("personalizations")[0].GetProperty("subject").GetString() ?? "";
        string Content(string type) => body.GetProperty("content").EnumerateArray()
            .Where(c => c.GetProperty("type").GetString() == type).Select(c => c.GetProperty("value").GetString() ?? "").FirstOrDefault() ?? "";
        var categories = body.TryGetProperty("categories", out var c) ? c.EnumerateArray().Select(x => x.GetString() ?? "").ToList() : [];
        return new SentEmail(to, subject, Content("text/plain"), Content("text/html"), categories);
    }

    private static string CalComBookingCreated(TestProgram program, DateTimeOffset start)
    {
        var uid = Guid.NewGuid().ToString("N")[..22];
        return JsonSerializer.Serialize(new
        {
            triggerEvent = "BOOKING_CREATED",
            createdAt = TimeProvider.System.GetUtcNow(),
            payload = new
            {
                type = "mentoring-45",
                title = $"Mentoring session between {program.MentorName} and Tom Mentee",
                startTime = start,
                endTime = start.AddMinutes(45),
                organizer = new { id = 5, name = program.MentorName, email = program.MentorEmail, timeZone = "Europe/Amsterdam" },
                attendees = new[] { new { email = program.MenteeEmail, name = "Tom Mentee", timeZone = "Europe/London" } },
                uid,
                iCalUID = uid + "@Cal.com",
                bookingId = Random.Shared.Next(1000, 100000),
                length = 45,
                status = "ACCEPTED",
            },
        });
    }

    [GeneratedRegex(@"https?://127\.0\.0\.1:\d+/api/checkin/[A-Za-z0-9._~%-]+")]
    private static partial Regex CheckInLink();
}
