using System.Text.Json.Nodes;
using Mentoring.Infra.Tests;
using Mentoring.LocalHost.Queues;

namespace Mentoring.Functions.Tests;

/// <summary>
/// host.json's queue settings are what the Functions host runs (the poison scenario shows 5 tries 30 s apart on it); the
/// local host's queue pump mirrors them in its own options. Both read the same numbers, or this fails.
/// </summary>
public sealed class QueueSettingsParityTests
{
    [Fact]
    public void LocalQueuePump_DefaultsAndAppSettings_MatchHostJson()
    {
        var queues = JsonNode.Parse(File.ReadAllText(Path.Combine(BicepCli.RepositoryRoot, "host.json")))!["extensions"]!["queues"]!;
        var pump = JsonNode.Parse(File.ReadAllText(Path.Combine(BicepCli.RepositoryRoot, "functions", "Mentoring.LocalHost", "appsettings.json")))!["QueuePump"]!;
        var defaults = new QueuePumpOptions();

        Assert.Equal(queues["batchSize"]!.GetValue<int>(), defaults.BatchSize);
        Assert.Equal(queues["maxDequeueCount"]!.GetValue<int>(), defaults.MaxDequeueCount);
        Assert.Equal(TimeSpan.Parse(queues["visibilityTimeout"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), defaults.RetryDelay);
        Assert.Equal(defaults.BatchSize, pump["BatchSize"]!.GetValue<int>());
        Assert.Equal(defaults.MaxDequeueCount, pump["MaxDequeueCount"]!.GetValue<int>());
        Assert.Equal(defaults.RetryDelay, TimeSpan.Parse(pump["RetryDelay"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
    }
}
