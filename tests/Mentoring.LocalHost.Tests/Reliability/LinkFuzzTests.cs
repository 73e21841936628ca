using System.Net.Http.Headers;
using System.Text;
using Mentoring.Application.Evaluation;
using Mentoring.Application.Links;
using Mentoring.Application.Roster;
using Mentoring.Application.Storage;
using Mentoring.Testing;
using Mentoring.Tests.Admin;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Mentoring.Tests.Reliability;

/// <summary>
/// Check-in and unsubscribe links through the local host: valid, expired and wrong-purpose tokens, mutated tokens, GET
/// and POST, mutated and oversized form bodies, wrong content types, JSON or HTML callers. Nothing answers 5xx; a
/// refusal is problem+json (an HTML page for a browser); the ledger grows by exactly the check-ins answered "recorded",
/// and only people whose unsubscribe was accepted are suppressed.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class LinkFuzzTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const string Program = "links-fuzz";
    private const int Inputs = 1200;
    private const string SigningKey = "link-fuzz-signing-key-of-at-least-32-characters";

    private static readonly string[] Recipients = ["mentor:m1", "mentee:m2", "mentor:m3", "mentee:e1"];

    private static readonly string[] Forms =
    [
        "reason=deadline", "reason=travel", "reason=", "reason=%00%ff", "reason=deadline&reason=travel", "at=2026-12-01T10:00",
        "at=9999-12-31T23:59", "at=0001-01-01T00:00", "at=not-a-date", "at=2026-02-30T10:00", "List-Unsubscribe=One-Click", "=&=&%", "a=%",
    ];

    [Fact]
    public async Task CheckInAndUnsubscribe_Fuzzed_No5xx_RefusalsAreProblems_OnlyAcceptedInputsStored()
    {
        await using var api = await AdminApi.StartAsync(azurite, new Dictionary<string, string> { ["Links:SigningKey"] = SigningKey });
        await api.SeedProgramAsync(Program);
        var signer = api.App.Services.GetRequiredService<LinkSigner>();
        var logs = api.App.Services.GetRequiredService<PairLogStore>();
        var ledgerBefore = await LedgerRowsAsync(logs);
        var random = new Random(20260327);
        using var client = api.Client(key: null);
        var recorded = 0;
        var unsubscribed = new HashSet<string>(StringComparer.Ordinal);
        var statuses = new SortedDictionary<int, int>();
        var failures = new List<string>();

        for (var n = 0; n < Inputs; n++)
        {
            var now = TimeProvider.System.GetUtcNow();
            var recipient = Recipients[n % Recipients.Length];
            var pair = recipient.EndsWith("m1", StringComparison.Ordinal) || recipient.EndsWith("m2", StringComparison.Ordinal) ? "p1" : "p2";
            var purpose = (LinkPurpose)random.Next(4) switch
            {
                (LinkPurpose)0 => LinkPurpose.Met,
                (LinkPurpose)1 => LinkPurpose.Postponed,
                (LinkPurpose)2 => LinkPurpose.MeetOn,
                _ => LinkPurpose.Unsubscribe,
            };
            var expires = random.Next(10) == 0 ? now.AddMinutes(-1) : now.AddDays(30);
            var token = signer.Sign(new LinkClaims(purpose, Program, pair, $"fuzz-{n}", recipient, expires));
            var route = random.Next(6) == 0 ? (purpose == LinkPurpose.Unsubscribe ? "checkin" : "unsubscribe") : purpose == LinkPurpose.Unsubscribe ? "unsubscribe" : "checkin";
            var mutated = random.Next(2) == 0 ? Mutate(token, random) : token;
            var post = random.Next(3) != 0;
            using var request = new HttpRequestMessage(post ? HttpMethod.Post : HttpMethod.Get, new Uri($"/api/{route}/{mutated}", UriKind.Relative));
            if (post)
                request.Content = Body(random);
            var html = random.Next(3) == 0;
            if (html)
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));

            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var text = await response.Content.ReadAsStringAsync();
            var type = response.Content.Headers.ContentType?.MediaType;
            if (status >= 500)
                failures.Add($"{request.Method} {route} ({(mutated == token ? "valid token" : "mutated token")}): {status} {text[..Math.Min(200, text.Length)]}");
            else if (status >= 400 && type != (html ? "text/html" : "application/problem+json") && !KestrelRefusal.Is(mutated, status, type, text))
                failures.Add($"{request.Method} {route}: {status} is {type}");
            if (post && status is >= 200 and < 300 && route == "checkin" && (text.Contains("\"recorded\"", StringComparison.Ordinal) || text.Contains("Recorded.", StringComparison.Ordinal)))
                recorded++;
            if (post && status is >= 200 and < 300 && route == "unsubscribe")
                unsubscribed.Add(recipient.Split(':')[1]);
        }

        var grown = await LedgerRowsAsync(logs) - ledgerBefore;
        var suppressed = new List<string>();
        foreach (var id in Recipients.Select(r => r.Split(':')[1]))
        {
            if ((await api.App.Services.GetRequiredService<ParticipantStore>().GetAsync(Program, id, default))?.Suppressed == true)
                suppressed.Add(id);
        }

        output.WriteLine($"{Inputs} inputs; {string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}"))}; check-ins recorded {recorded}, ledger rows added {grown}; unsubscribed {string.Join(" ", unsubscribed.Order(StringComparer.Ordinal))}");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(40)));
        Assert.True(recorded > 0, "some check-ins went through");
        Assert.Equal(recorded, grown);
        Assert.Subset(unsubscribed, suppressed.ToHashSet(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("0001-01-01T00:00")]
    [InlineData("9999-12-31T23:59")]
    public async Task CheckIn_MeetOnAtTheEndsOfTheCalendar_400NotOverflow(string at)
    {
        await using var api = await AdminApi.StartAsync(azurite, new Dictionary<string, string> { ["Links:SigningKey"] = SigningKey });
        var program = "links-ends-" + at[..4];
        await api.SeedProgramAsync(program);
        var token = api.App.Services.GetRequiredService<LinkSigner>().Sign(
            new LinkClaims(LinkPurpose.MeetOn, program, "p1", "ends-" + at, "mentor:m1", TimeProvider.System.GetUtcNow().AddDays(1)));
        using var client = api.Client(key: null);

        using var response = await client.PostAsync(new Uri($"/api/checkin/{token}", UriKind.Relative), new FormUrlEncodedContent([new("at", at)]));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<int> LedgerRowsAsync(PairLogStore logs) =>
        (await logs.LoadAsync(Keys.PairLog(Program, "p1"), default)).Ledger.Count + (await logs.LoadAsync(Keys.PairLog(Program, "p2"), default)).Ledger.Count;

    /// <summary>A token that differs from the signed one: a character changed, cut, added, or a different kind of junk.</summary>
    private static string Mutate(string token, Random random)
    {
        var at = random.Next(token.Length);
        return random.Next(8) switch
        {
            0 => token[..at] + (token[at] == 'A' ? 'B' : 'A') + token[(at + 1)..],
            1 => token[..Math.Max(1, at)],
            2 => token + "x",
            3 => token.Remove(at, 1),
            4 => Uri.EscapeDataString(Convert.ToBase64String(Encoding.UTF8.GetBytes(token))),
            5 => "%00%ff%2F..%2F" + token,
            6 => new string('A', 5000),
            _ => string.Concat(token.Reverse()),
        };
    }

    private static ByteArrayContent Body(Random random) => random.Next(6) switch
    {
        0 => new ByteArrayContent(new byte[8 * 1024]) { Headers = { ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") } },
        1 => new StringContent("{\"reason\":\"deadline\"}", Encoding.UTF8, "application/json"),
        2 => new ByteArrayContent([.. Enumerable.Range(0, 64).Select(_ => (byte)random.Next(256))]) { Headers = { ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") } },
        3 => new ByteArrayContent([]),
        _ => new StringContent(Forms[random.Next(Forms.Length)], Encoding.UTF8, "application/x-www-form-urlencoded"),
    };
}
