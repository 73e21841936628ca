using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Mentoring.Application.Admin.Participants;
using Mentoring.Application.Roster;
using Mentoring.Application.Storage;
using Mentoring.Engine.Health;
using Mentoring.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Mentoring.Tests.Admin;

/// <summary>
/// Issue 16 item 6: one request from an authenticated caller does bounded work. CSV imports are capped in columns, rows
/// and bytes per row (problem+json naming the setting, nothing imported); health, at-risk and outbox read one page of
/// the program at a time and hand back a continuation token, which is checked (400, never a query) when it comes back.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class BoundedWorkTests(AzuriteFixture azurite)
{
    private const string Header = "id,name,email,role,timeZone";
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ParticipantImport_TenThousandColumns_400ProblemNamingTheCap_NothingImported()
    {
        await using var api = await AdminApi.StartAsync(azurite);
        await api.SeedProgramAsync("csv-wide");
        var csv = new StringBuilder(Header);
        for (var c = 0; c < 10_000; c++)
            csv.Append(CultureInfo.InvariantCulture, $",x{c}");
        csv.Append('\n');
        var filler = string.Concat(Enumerable.Repeat(",1", 10_000));
        for (var i = 0; i < 300; i++)
            csv.Append(CultureInfo.InvariantCulture, $"w{i},Wide {i},w{i}@example.com,mentor,UTC{filler}\n");

        var (status, problem) = await PostCsvAsync(api, "programs/csv-wide/participant-imports?mode=partial", csv.ToString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Admin:MaxCsvColumns", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(await IdsAsync(api, "csv-wide"), id => id.StartsWith('w'));
    }

    [Fact]
    public async Task ParticipantImport_OneRowMoreThanTheCap_413ProblemNamingTheCap_NothingImported()
    {
        await using var api = await AdminApi.StartAsync(azurite);
        await api.SeedProgramAsync("csv-long");
        var csv = new StringBuilder(Header + "\n");
        for (var i = 0; i <= 10_000; i++)
            csv.Append(CultureInfo.InvariantCulture, $"r{i},Row {i},r{i}@example.com,mentee,UTC\n");

        var (status, problem) = await PostCsvAsync(api, "programs/csv-long/participant-imports?mode=partial", csv.ToString());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("Admin:MaxCsvRows", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(await IdsAsync(api, "csv-long"), id => id.StartsWith('r'));
    }

    [Fact]
    public async Task PairImport_ARowLongerThanTheRecordCap_413ProblemNamingTheCap()
    {
        await using var api = await AdminApi.StartAsync(azurite);
        await api.SeedProgramAsync("csv-fat");
        var csv = "id,mentorId,menteeId\nf1,m1,m2\nf2,m3,\"" + new string('e', 200_000) + "\"\n";

        var (status, problem) = await PostCsvAsync(api, "programs/csv-fat/pair-imports", csv);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("Admin:MaxCsvRecordBytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var client = api.Client();
        using var absent = await client.GetAsync(new Uri("/api/programs/csv-fat/pairs/f1", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);
    }

    [Fact]
    public async Task HealthAndAtRisk_PagedByThree_WalkEveryPairExactlyOnce()
    {
        await using var api = await AdminApi.StartAsync(azurite);
        var pairIds = await SeedPairsAsync(api, "paged", pairs: 8);
        var store = api.App.Services.GetRequiredService<PairStore>();
        foreach (var (pairId, i) in pairIds.Select((p, i) => (p, i)))
            await store.RecordSummaryAsync("paged", pairId, new PairSummary(At, i % 2 == 0 ? RiskLevel.AtRisk : RiskLevel.Dormant, 10 + i, null, null, null), default);

        var healthPages = await WalkAsync(api, "programs/paged/health?pageSize=3");
        var atRiskPages = await WalkAsync(api, "programs/paged/at-risk?pageSize=3");

        // SeedProgramAsync's p1 and p2 are there too, never evaluated.
        Assert.Equal([3, 3, 3, 1], healthPages.Select(p => p.GetProperty("pairs").GetInt32()));
        Assert.Equal(8, healthPages.Sum(p => p.GetProperty("pairsPerRiskLevel").GetProperty("AtRisk").GetInt32() + p.GetProperty("pairsPerRiskLevel").GetProperty("Dormant").GetInt32()));
        var walked = atRiskPages.SelectMany(p => p.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("pairId").GetString()!)).ToList();
        Assert.Equal(pairIds.Order(StringComparer.Ordinal), walked.Order(StringComparer.Ordinal));
        Assert.Equal(4, atRiskPages.Count);
    }

    [Fact]
    public async Task Outbox_PagedByFour_WalksEveryRowExactlyOnce()
    {
        await using var api = await AdminApi.StartAsync(azurite);
        await api.SeedProgramAsync("outbox-paged");
        await api.SeedProgramAsync("outbox-other");
        var table = api.App.Services.GetRequiredService<TableServiceClient>().GetTableClient(TableNames.PairLogs);
        var written = new List<string>();
        foreach (var program in new[] { "outbox-paged", "outbox-other" })
        {
            for (var i = 0; i < 10; i++)
            {
                var templateId = $"{program}-t{i}";
                await table.UpsertEntityAsync(new TableEntity(Keys.PairLog(program, i % 2 == 0 ? "p1" : "p2"), $"msg~k{i}")
                {
                    ["PairId"] = i % 2 == 0 ? "p1" : "p2",
                    ["TemplateId"] = templateId,
                    ["RecipientKind"] = "Mentor",
                    ["Status"] = i < 3 ? "Sent" : "Pending",
                    ["DecidedAt"] = At.AddMinutes(-i),
                    ["NotBefore"] = At,
                });
                if (program == "outbox-paged")
                    written.Add(templateId);
            }
        }

        var pages = await WalkAsync(api, "programs/outbox-paged/outbox?pageSize=4");

        var walked = pages.SelectMany(p => p.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("templateId").GetString()!)).ToList();
        Assert.Equal(written.Order(StringComparer.Ordinal), walked.Order(StringComparer.Ordinal));
        Assert.Equal([4, 4, 2], pages.Select(p => p.GetProperty("total").GetInt32()));
        Assert.Equal(3, pages.Sum(p => p.GetProperty("counts").GetProperty("Sent").GetInt32()));
    }

    [Theory]
    [InlineData("health")]
    [InlineData("at-risk")]
    [InlineData("outbox")]
    public async Task ForgedContinuationToken_400Problem(string route)
    {
        await using var api = await AdminApi.StartAsync(azurite);
        var program = "forged-" + route;
        await SeedPairsAsync(api, program, pairs: 3);
        await SeedPairsAsync(api, program + "-other", pairs: 3);
        var otherProgramsToken = (await WalkAsync(api, $"programs/{program}-other/{(route == "outbox" ? "health" : route)}?pageSize=1", pagesAtMost: 1))[0]
            .GetProperty("continuationToken").GetString()!;
        var otherRoutesToken = (await WalkAsync(api, $"programs/{program}/{(route == "health" ? "at-risk" : "health")}?pageSize=1", pagesAtMost: 1))[0]
            .GetProperty("continuationToken").GetString()!;
        string[] forged =
        [
            "garbage!!", "%00%01", new string('A', 5000), Base64Url("v1\n" + route + "\n" + program + "\n../../x"), Base64Url("v1\n" + route + "\n" + program),
            Base64Url("v2\n" + route + "\n" + program + "\nabc"), Base64Url("{\"not\":\"a token\"}"), otherProgramsToken, otherRoutesToken,
            route == "outbox" ? Base64Url("v1\noutbox\n" + program + "\n" + program + "-other~p1\nmsg~k1") : Base64Url("v1\n" + route + "\n" + program + "\nabc\ndef"),
        ];
        using var client = api.Client();

        foreach (var token in forged)
        {
            using var response = await client.GetAsync(new Uri($"/api/programs/{program}/{route}?pageSize=1&continuationToken={Uri.EscapeDataString(token)}", UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{token}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    private static async Task<(HttpStatusCode Status, JsonElement Problem)> PostCsvAsync(AdminApi api, string path, string csv)
    {
        using var client = api.Client();
        client.Timeout = TimeSpan.FromSeconds(30); // refused within seconds, not after reading every row
        using var response = await client.PostAsync(new Uri("/api/" + path, UriKind.Relative), AdminApi.Csv(csv));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{(int)response.StatusCode} {text}");
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static Task<HashSet<string>> IdsAsync(AdminApi api, string programId) =>
        api.App.Services.GetRequiredService<ParticipantRows>().IdsAsync(programId, default);

    /// <summary>A seeded program with <paramref name="pairs"/> more pairs (q0, q1…) of its own participants; their ids.</summary>
    private static async Task<List<string>> SeedPairsAsync(AdminApi api, string programId, int pairs)
    {
        await api.SeedProgramAsync(programId);
        var people = new StringBuilder(Header + "\n");
        var csv = new StringBuilder("id,mentorId,menteeId\n");
        for (var i = 0; i < pairs; i++)
        {
            people.Append(CultureInfo.InvariantCulture, $"a{i},A {i},a{i}@example.com,mentor,UTC\nb{i},B {i},b{i}@example.com,mentee,UTC\n");
            csv.Append(CultureInfo.InvariantCulture, $"q{i},a{i},b{i}\n");
        }

        await api.SendAsync(HttpMethod.Post, $"programs/{programId}/participant-imports", AdminApi.Csv(people.ToString()));
        await api.SendAsync(HttpMethod.Post, $"programs/{programId}/pair-imports", AdminApi.Csv(csv.ToString()));
        return [.. Enumerable.Range(0, pairs).Select(i => $"q{i}")];
    }

    /// <summary>Every page of a paged route, following continuationToken until there is none.</summary>
    private static async Task<List<JsonElement>> WalkAsync(AdminApi api, string path, int pagesAtMost = 100)
    {
        var pages = new List<JsonElement>();
        string? token = null;
        do
        {
            var page = await api.SendAsync(HttpMethod.Get, token is null ? path : $"{path}&continuationToken={Uri.EscapeDataString(token)}");
            pages.Add(page);
            token = page.TryGetProperty("continuationToken", out var next) ? next.GetString() : null;
        }
        while (token is not null && pages.Count < pagesAtMost);

        return pages;
    }

    private static string Base64Url(string text) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
}
