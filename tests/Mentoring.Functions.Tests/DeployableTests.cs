using Mentoring.Functions.Tests.FunctionsHost;
using Xunit.Abstractions;

namespace Mentoring.Functions.Tests;

/// <summary>The shared scenario on the published Functions app, on the real Functions host.</summary>
[Collection(FunctionsHostFixture.Collection)]
public sealed class DeployableTests(FunctionsHostFixture host, ITestOutputHelper output) : SharedScenario(host, output)
{
    private protected override void AssertRan(string function) =>
        Assert.Contains($"Executed 'Functions.{function}' (Succeeded", host.Log, StringComparison.Ordinal);

    private protected override void AssertParkedAfterFailedTries()
    {
        Assert.Contains("MaxDequeueCount of 5", host.Log, StringComparison.Ordinal);
        Assert.True(FunctionsHostFixture.Occurrences(host.Log, "Executed 'Functions.EvaluatePair' (Failed") >= 5, host.Tail());
    }
}
