using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mentoring.Acceptance.Tests.World;

namespace Mentoring.Acceptance.Tests.Quarter;

[CollectionDefinition(Name)]
public sealed class QuarterDefinition : ICollectionFixture<QuarterPlay>
{
    public const string Name = "Quarter";
}

/// <summary>
/// Plays the program's quarter once, through the local host's public doors, and keeps what was seen: every email, and
/// the answers to what the test did (imports, webhooks, links followed). The facts then assert on the record.
/// </summary>
public sealed partial class QuarterPlay : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Stopwatch _elapsed = new();
    private LocalHostUnderTest? _host;
    private CalendarProviders? _providers;

    internal LocalHostUnderTest Host => _host ?? throw new InvalidOperationException("The quarter has not started.");

    /// <summary>What the test did and what it was answered, in order (for the facts and for a failure's message).</summary>
    internal List<string> Journal { get; } = [];

    /// <summary>Problems met while playing (a route that refused, an email that never came): each fact that needs the step says so.</summary>
    internal Dictionary<string, string> Missing { get; } = new(StringComparer.Ordinal);

    internal JsonElement ImportParticipants { get; private set; }

    internal JsonElement ImportPairs { get; private set; }

    internal IReadOnlyList<ReceivedEmail> Emails => Host.Outbox.All();

    internal TimeSpan Duration => _elapsed.Elapsed;

    public async Task InitializeAsync()
    {
        _elapsed.Start();
        _providers = await CalendarProviders.StartAsync(TimeProvider.System);
        _host = await LocalHostUnderTest.StartAsync(AcmeProgram.Now, _providers.BaseUri);
        _providers.Clock = _host.Clock;
        await SetUpProgramAsync();
        try
        {
            await PlayAsync();
        }
        finally
        {
            _elapsed.Stop();
            DumpIfAsked();
        }
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync();
        if (_providers is not null)
            await _providers.DisposeAsync();
    }

    /// <summary>With <c>MENTORING_ACCEPTANCE_DUMP=folder</c>: the journal, every email's summary and text, to read what a run saw.</summary>
    private void DumpIfAsked()
    {
        if (Environment.GetEnvironmentVariable("MENTORING_ACCEPTANCE_DUMP") is not { Length: > 0 } folder || _host is null)
            return;
        Directory.CreateDirectory(folder);
        File.WriteAllLines(Path.Combine(folder, "journal.txt"), [.. Journal, $"duration {Duration}", .. StepReport(), .. _host.Errors.Entries]);
        File.WriteAllLines(Path.Combine(folder, "emails.txt"), Emails.Select(e => e.ToString()));
        File.WriteAllLines(Path.Combine(folder, "providers.txt"), _providers?.Requests ?? []);
        File.WriteAllLines(Path.Combine(folder, "timelines.txt"), Timelines.Select(t => t.Key + " " + t.Value.GetRawText()));
        File.WriteAllText(Path.Combine(folder, "texts.txt"), string.Join("\n\n=====\n", Emails.Select(e => e + "\n" + e.Text)));
    }

    internal IEnumerable<ReceivedEmail> EmailsTo(string address, string? template = null) =>
        Emails.Where(e => string.Equals(e.To, address, StringComparison.OrdinalIgnoreCase) && (template is null || e.Template == template));

    internal static TimeZoneInfo ZoneOf(string address) =>
        AcmeProgram.People.FirstOrDefault(p => string.Equals(p.Email, address, StringComparison.OrdinalIgnoreCase))?.Zone
        ?? TimeZoneInfo.FindSystemTimeZoneById(AcmeProgram.TimeZone);

    private async Task SetUpProgramAsync()
    {
        await AdminAsync(HttpMethod.Post, "programs", JsonContent.Create(AcmeProgram.Body, options: Json));
        await AdminAsync(HttpMethod.Post, $"programs/{AcmeProgram.Id}/cycles", JsonContent.Create(AcmeProgram.Cycle, options: Json));
        ImportParticipants = await AdminAsync(HttpMethod.Post, $"programs/{AcmeProgram.Id}/participant-imports", Csv(AcmeProgram.ParticipantsCsv()));
        ImportPairs = await AdminAsync(HttpMethod.Post, $"programs/{AcmeProgram.Id}/pair-imports", Csv(AcmeProgram.PairsCsv()));
        await Host.Clock.SettleAsync(TimeSpan.FromMinutes(1));
    }

    /// <summary>
    /// Moves the clock to <paramref name="until"/> in steps of three hours on working days (every zone's working day has at
    /// least two of them) and one step over each weekend, letting the host settle after each: the sweep's hourly CRON fires
    /// once per step, and whatever fell due in between is sent at the step.
    /// </summary>
    private async Task AdvanceToAsync(DateTimeOffset until)
    {
        var now = Host.Clock.GetUtcNow();
        while (now < until)
        {
            var next = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour / 3 * 3, 0, 0, TimeSpan.Zero).AddHours(3);
            if (next.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
                next = new DateTimeOffset(next.Date.AddDays(next.DayOfWeek == DayOfWeek.Saturday ? 2 : 1), TimeSpan.Zero);
            var sent = Emails.Count;
            var watch = Stopwatch.StartNew();
            Host.Clock.MoveTo(next < until ? next : until);
            await Host.Clock.SettleAsync(TimeSpan.FromMinutes(1));
            var settled = watch.Elapsed;
            await FollowNewLinksAsync();
            Steps.Add(new Step(next < until ? next : until, settled, watch.Elapsed - settled, Emails.Count - sent));
            now = Host.Clock.GetUtcNow();
        }
    }

    /// <summary>One move of the clock: how long the host took to settle, how long following the new links took, emails sent.</summary>
    internal sealed record Step(DateTimeOffset At, TimeSpan Settle, TimeSpan Links, int Emails);

    /// <summary>Every move of the clock, for where the quarter's time goes (written with the dump).</summary>
    internal List<Step> Steps { get; } = [];

    /// <summary>Where the time went: steps that sent email against those that did not, links followed, the slowest steps.</summary>
    internal IEnumerable<string> StepReport()
    {
        var busy = Steps.Where(s => s.Emails > 0).ToList();
        var idle = Steps.Where(s => s.Emails == 0).ToList();
        static string Seconds(IEnumerable<TimeSpan> times) => times.Aggregate(TimeSpan.Zero, (a, b) => a + b).TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
        yield return $"steps {Steps.Count}: settling {Seconds(Steps.Select(s => s.Settle))} s, following links {Seconds(Steps.Select(s => s.Links))} s";
        yield return $"  {busy.Count} steps that sent email: {Seconds(busy.Select(s => s.Settle))} s; {idle.Count} that sent none: {Seconds(idle.Select(s => s.Settle))} s";
        foreach (var step in Steps.OrderByDescending(s => s.Settle + s.Links).Take(15))
            yield return $"  {step.At:yyyy-MM-dd HH:mm}Z settle {step.Settle.TotalMilliseconds:0} ms, links {step.Links.TotalMilliseconds:0} ms, {step.Emails} emails";
    }

    internal async Task<JsonElement> AdminAsync(HttpMethod method, string path, HttpContent? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri("api/" + path, UriKind.Relative)) { Content = body };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", LocalHostUnderTest.AdminKey);
        using var response = await Host.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Journal.Add($"{Host.Clock.GetUtcNow():O} {method} {path} → {(int)response.StatusCode}");
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");
}
