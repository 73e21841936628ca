using Mentoring.Functions.Tests.FunctionsHost;
using Xunit.Abstractions;

namespace Mentoring.Functions.Tests;

/// <summary>The shared scenario on the local host, with the Functions host's settings: both must behave the same.</summary>
[Collection(LocalHostFixture.Collection)]
public sealed class LocalHostScenarioTests(LocalHostFixture host, ITestOutputHelper output) : SharedScenario(host, output)
{
    // The local host logs no per-invocation line; what it did shows in storage and in SendGrid, asserted by the scenario.
    private protected override void AssertRan(string function)
    {
    }

    private protected override void AssertParkedAfterFailedTries()
    {
        Assert.Contains("failed its last try (5); moved to poison", host.Log, StringComparison.Ordinal);
        Assert.True(FunctionsHostFixture.Occurrences(host.Log, "failed (try ") >= 4, host.Log);
    }
}
