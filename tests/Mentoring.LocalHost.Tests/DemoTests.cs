using Mentoring.Application.Evaluation;
using Mentoring.LocalHost.Demo;
using Mentoring.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Mentoring.Tests;

[Collection(AzuriteFixture.Collection)]
public sealed class DemoTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Demo_SeedSweepAndDrain_EmailsPostponingAndDriftingPairsOnly()
    {
        // A Sunday night in every seeded zone: the demo program ignores quiet hours, so emails go anyway.
        await using var harness = await PipelineHarness.StartAsync(azurite, new DateTimeOffset(2026, 3, 8, 23, 30, 0, TimeSpan.Zero));
        await ActivatorUtilities.CreateInstance<DemoSeeder>(harness.Services).SeedAsync(harness.Time.GetUtcNow(), default, "demo-test");

        await harness.Get<SweepHandler>().RunAsync(default);
        await harness.DrainAsync();

        var recipients = harness.Emails().Select(e => e.Split("\r\n").Single(l => l.StartsWith("To: ", StringComparison.Ordinal))).ToList();
        Assert.DoesNotContain(recipients, r => r.Contains("healthy", StringComparison.Ordinal));
        foreach (var (scenario, count) in DemoSeeder.Mix.Where(m => m.Scenario is DemoScenario.Postponing or DemoScenario.Drifting))
        {
            for (var i = 1; i <= count; i++)
            {
                var name = $"{scenario.ToString().ToLowerInvariant()}-{i:00}.demo-test@"; // a program beside the demo has its own people
                Assert.Contains(recipients, r => r.Contains(name, StringComparison.Ordinal));
            }
        }
    }
}
