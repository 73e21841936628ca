using System.Text.Json;
using Mentoring.Acceptance.Tests.World;
using Mentoring.Testing;
using Xunit.Abstractions;

namespace Mentoring.Acceptance.Tests.Quarter;

/// <summary>
/// The dashboard an HR lead reads at the end of the quarter, in headless Chromium: the key typed into the page's field
/// (the page reads it from nowhere else), then what the page shows, read from its DOM. The screenshot goes to a temporary
/// folder; with <c>MENTORING_DASHBOARD_PNG=path</c> it is also copied there (README: how docs/dashboard.png is made).
/// </summary>
[Collection(QuarterDefinition.Name)]
public sealed class DashboardTests(QuarterPlay quarter, ITestOutputHelper output)
{
    private static readonly string[] Levels = ["Healthy", "Watch", "AtRisk", "Dormant", "Unevaluated"];

    [Fact]
    public async Task Dashboard_ShowsTheGoal_TheNumbers_NamedPairsAtRisk_AndTwelveWeeksOfRiskLevels()
    {
        var health = await quarter.AdminAsync(HttpMethod.Get, $"programs/{AcmeProgram.Id}/health");
        var atRisk = await quarter.AdminAsync(HttpMethod.Get, $"programs/{AcmeProgram.Id}/at-risk");
        var history = await quarter.AdminAsync(HttpMethod.Get, $"programs/{AcmeProgram.Id}/health/history");

        await using var chromium = await HeadlessChromium.StartAsync(1400, 1000);
        await chromium.NavigateAsync(new Uri(quarter.Host.Address, $"api/dashboard?program={AcmeProgram.Id}"));
        await chromium.TypeAsync("#key", LocalHostUnderTest.AdminKey);
        await chromium.PressEnterAsync();
        await chromium.WaitForAsync("document.querySelector('#history circle') !== null && document.querySelector('#timeline table') !== null", TimeSpan.FromSeconds(60));
        await ScreenshotAsync(chromium);

        // The goal on top, under the program's name; the key left the field.
        var header = await TextAsync(chromium, "header");
        Assert.Contains(AcmeProgram.Name, header, StringComparison.Ordinal);
        Assert.Contains("The goal: " + AcmeProgram.Goal, header, StringComparison.Ordinal);
        Assert.Equal("", (await chromium.EvaluateAsync("document.getElementById('key').value")).GetString());

        // The numbers: ten active pairs, and each risk level's count as the API gives it.
        Assert.Equal("10\nactive pairs of 10", await TextAsync(chromium, "#activePairs"));
        var legend = await TextAsync(chromium, "#health .legend");
        foreach (var level in Levels)
        {
            var count = health.GetProperty("pairsPerRiskLevel").GetProperty(level).GetInt32();
            Assert.Contains($"{(level == "AtRisk" ? "At risk" : level)} {count}", legend, StringComparison.Ordinal);
        }

        // The pairs that need a human, by name, with the engine's reasons and the last email each pair got.
        var rows = await RowsAsync(chromium, "#atrisk tbody tr");
        Assert.Equal(atRisk.GetProperty("items").GetArrayLength(), rows.Count);
        var p07 = AcmeProgram.PairNamed("p07");
        var row = Assert.Single(rows, r => r[0] == $"{p07.Mentor.Name} & {p07.Mentee.Name}");
        Assert.Matches("^(At risk|Dormant) \\d+$", row[1]);
        Assert.False(string.IsNullOrWhiteSpace(row[2]), "No reason for p07.");
        Assert.Matches("^[a-z-]+\\n20\\d\\d-\\d\\d-\\d\\d to the (mentor|mentee|sponsor|admin)$", row[3]);
        Assert.DoesNotContain(rows, r => r[0].StartsWith('p') && r[0].Length <= 4); // names, never ids such as "p07"
        var timeline = (await chromium.EvaluateAsync("document.querySelector('#timeline h2').textContent")).GetString()!; // innerText is upper-cased by CSS
        Assert.Contains(rows[0][0], timeline, StringComparison.Ordinal);
        Assert.Contains(row[1].Split(' ')[0], timeline, StringComparison.Ordinal);

        // The chart: one point per day with a snapshot and level, at the count of that day's snapshot.
        var points = await PointsAsync(chromium);
        var days = history.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(AcmeProgram.CycleEnd.AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), history.GetProperty("to").GetString());
        Assert.Equal(DateOnly.Parse(history.GetProperty("to").GetString()!, System.Globalization.CultureInfo.InvariantCulture).AddDays(-83).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), history.GetProperty("from").GetString());
        Assert.True(days.Count >= 12 * 5, $"{days.Count} daily snapshots in twelve weeks: the sweep ran on every working day.");
        foreach (var day in days)
        {
            var date = day.GetProperty("date").GetString()!;
            var shown = points.Where(p => p.Date == date).ToList();
            Assert.Equal(10, shown.Sum(p => p.Count)); // every pair of the program, every day, in exactly one level
            foreach (var point in shown)
                Assert.Equal(day.GetProperty(char.ToLowerInvariant(point.Level[0]) + point.Level[1..]).GetInt32(), point.Count);
        }

        // p07 never met: from a month after launch to the end, the chart has at least one pair at risk or dormant every day.
        var launchPlus30 = AcmeProgram.CycleStart.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var date in points.Select(p => p.Date).Distinct().Where(d => string.CompareOrdinal(d, launchPlus30) >= 0))
            Assert.True(points.Where(p => p.Date == date && p.Level is "AtRisk" or "Dormant").Sum(p => p.Count) >= 1, $"Nobody at risk on {date}.");

        // The last day's point is today's list: pairs at risk or dormant.
        var last = points.Where(p => p.Date == days[^1].GetProperty("date").GetString()).ToList();
        Assert.Equal(rows.Count, last.Where(p => p.Level is "AtRisk" or "Dormant").Sum(p => p.Count));

        // Each level's line joins days at most four apart (a weekend without a sweep) and breaks at a longer gap.
        var runs = RunLengths(days.Select(d => DateOnly.Parse(d.GetProperty("date").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList());
        var lines = await LinesAsync(chromium);
        foreach (var level in lines.Select(l => l.Level).Distinct())
            Assert.Equal(runs, lines.Where(l => l.Level == level).Select(l => l.Points).ToList());

        // Three pairs a page: the page reads every page and shows the same figures and the same list, worst first.
        var figures = await TextAsync(chromium, "#health");
        await chromium.NavigateAsync(new Uri(quarter.Host.Address, $"api/dashboard?program={AcmeProgram.Id}&pageSize=3"));
        await chromium.WaitForAsync("document.querySelector('#history circle') !== null && document.querySelector('#timeline table') !== null", TimeSpan.FromSeconds(60));
        Assert.Equal(figures, await TextAsync(chromium, "#health"));
        Assert.Equal(rows, await RowsAsync(chromium, "#atrisk tbody tr"));
    }

    private static List<int> RunLengths(List<DateOnly> dates)
    {
        var runs = new List<int>();
        for (var i = 0; i < dates.Count; i++)
        {
            if (i > 0 && dates[i].DayNumber - dates[i - 1].DayNumber <= 4)
                runs[^1]++;
            else
                runs.Add(1);
        }

        return runs;
    }

    private static async Task<List<(string Level, int Points)>> LinesAsync(HeadlessChromium chromium) =>
        [.. (await chromium.EvaluateAsync("[...document.querySelectorAll('#history polyline')].map(l => [l.dataset.level, l.getAttribute('points').trim().split(' ').length])"))
            .EnumerateArray().Select(l => (l[0].GetString()!, l[1].GetInt32()))];

    private async Task ScreenshotAsync(HeadlessChromium chromium)
    {
        var shot = Path.Combine(Directory.CreateTempSubdirectory("dashboard-").FullName, "dashboard.png");
        await chromium.ScreenshotAsync(shot);
        output.WriteLine("Screenshot: " + shot);
        Assert.True(new FileInfo(shot).Length > 10_000, "An empty screenshot. " + chromium.Log);
        if (Environment.GetEnvironmentVariable("MENTORING_DASHBOARD_PNG") is { Length: > 0 } copy)
            File.Copy(shot, copy, overwrite: true);
    }

    private static async Task<string> TextAsync(HeadlessChromium chromium, string selector) =>
        (await chromium.EvaluateAsync($"document.querySelector({JsonSerializer.Serialize(selector)}).innerText.trim()")).GetString()!;

    private static async Task<List<string[]>> RowsAsync(HeadlessChromium chromium, string selector) =>
        [.. (await chromium.EvaluateAsync($"[...document.querySelectorAll({JsonSerializer.Serialize(selector)})].map(tr => [...tr.cells].map(c => c.innerText.trim()))"))
            .EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetString()!).ToArray())];

    private static async Task<List<(string Date, string Level, int Count)>> PointsAsync(HeadlessChromium chromium) =>
        [.. (await chromium.EvaluateAsync("[...document.querySelectorAll('#history circle')].map(c => [c.dataset.date, c.dataset.level, +c.dataset.count])"))
            .EnumerateArray().Select(p => (p[0].GetString()!, p[1].GetString()!, p[2].GetInt32()))];
}
