using System.Net;
using System.Text.Json;
using Mentoring.Application.Evaluation;
using Mentoring.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Mentoring.Tests.Admin;

/// <summary>The daily snapshot the sweep's program step writes, and <c>GET programs/{id}/health/history</c> that reads it.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class RiskHistoryTests(AzuriteFixture azurite)
{
    // Monday 2 March 2026, 08:00 in Berlin.
    private static readonly DateTimeOffset Morning = new(2026, 3, 2, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Sweeps_WriteOneRowPerDay_TheDaysLastViewWins_AndTheHistoryReadsThem()
    {
        var time = new FakeTimeProvider(Morning);
        await using var api = await AdminApi.StartAsync(azurite, services: s => s.AddSingleton<TimeProvider>(time));
        var program = "history-" + Guid.NewGuid().ToString("N")[..8];
        await api.SeedProgramAsync(program);
        var step = api.App.Services.GetRequiredService<ProgramStep>();

        await step.AssessAsync(program, time.GetUtcNow(), default); // two active pairs
        await step.AssessAsync(program, time.GetUtcNow(), default); // the same sweep again: the same row
        var first = await api.SendAsync(HttpMethod.Get, $"programs/{program}/health/history");
        Assert.Equal(2, Assert.Single(first.GetProperty("days").EnumerateArray()).GetProperty("activePairs").GetInt32());
        time.Advance(TimeSpan.FromHours(3));
        await api.SendAsync(HttpMethod.Post, $"programs/{program}/pairs/p1/pause", AdminApi.Json(new { reason = "Parental leave" }));
        await step.AssessAsync(program, time.GetUtcNow(), default); // later that day: one active pair
        time.Advance(TimeSpan.FromDays(2));
        await step.AssessAsync(program, time.GetUtcNow(), default); // Wednesday; Tuesday had no sweep

        var history = await api.SendAsync(HttpMethod.Get, $"programs/{program}/health/history");
        Assert.Equal("2025-12-11", history.GetProperty("from").GetString()); // 84 days ending today, in Berlin
        Assert.Equal("2026-03-04", history.GetProperty("to").GetString());
        var days = history.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(["2026-03-02", "2026-03-04"], days.Select(d => d.GetProperty("date").GetString()));
        Assert.All(days, d => Assert.Equal(1, d.GetProperty("activePairs").GetInt32()));
        Assert.All(days, d => Assert.Equal(1, d.GetProperty("unevaluated").GetInt32())); // not evaluated yet: counted apart

        var lastDay = await api.SendAsync(HttpMethod.Get, $"programs/{program}/health/history?days=1");
        Assert.Equal("2026-03-04", Assert.Single(lastDay.GetProperty("days").EnumerateArray()).GetProperty("date").GetString());
    }

    [Fact]
    public async Task BeforeAnySweep_TheHistoryIsEmpty()
    {
        await using var api = await AdminApi.StartAsync(azurite);
        var program = "history-" + Guid.NewGuid().ToString("N")[..8];
        await api.SeedProgramAsync(program);

        var history = await api.SendAsync(HttpMethod.Get, $"programs/{program}/health/history");

        Assert.Empty(history.GetProperty("days").EnumerateArray());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("367")]
    [InlineData("-5")]
    [InlineData("12.5")]
    [InlineData("84abc")]
    [InlineData("99999999999999999999999999999999")]
    [InlineData("%00")]
    public async Task Days_OutOfRangeOrNotANumber_Is400ProblemJson(string days)
    {
        await using var api = await AdminApi.StartAsync(azurite);
        var program = "history-" + Guid.NewGuid().ToString("N")[..8];
        await api.SeedProgramAsync(program);
        using var client = api.Client();

        using var response = await client.GetAsync(new Uri($"/api/programs/{program}/health/history?days={days}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("days must be", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
