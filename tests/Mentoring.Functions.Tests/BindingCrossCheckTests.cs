using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mentoring.Functions.Tests.FunctionsHost;
using Mentoring.Infra.Tests;

namespace Mentoring.Functions.Tests;

/// <summary>
/// What the Functions host will look for when it indexes the app (the generated functions.metadata) exists in what
/// infra/main.bicep provisions: every trigger's queue, its storage connection, and every %setting% a binding names.
/// </summary>
public sealed partial class BindingCrossCheckTests
{
    [Fact]
    public void EveryQueueTrigger_ReadsAQueueTheBicepProvisions()
    {
        var bindings = Bindings();

        Assert.Contains(bindings, b => b.Type == "queueTrigger");
        Assert.Empty(QueueProblems(bindings, ProvisionedQueues()));
    }

    [Fact]
    public void EveryBindingConnection_AndSettingExpression_IsAnAppSetting()
    {
        var bindings = Bindings();

        Assert.Contains(bindings, b => SettingExpression().IsMatch(b.Binding.ToJsonString()));
        Assert.Empty(SettingProblems(bindings, DeployedSettings.FromBicep()));
    }

    /// <summary>The checks above, each fed the Bicep's queues and settings less one the app's bindings name: each fails.</summary>
    [Theory]
    [InlineData("queue", "pair-evaluations", "EvaluatePair reads queue 'pair-evaluations'")]
    [InlineData("queue", "webhook-deliveries", "WebhookDelivery reads queue 'webhook-deliveries'")]
    [InlineData("setting", "SweepSchedule", "Sweep names %SweepSchedule%")]
    [InlineData("setting", "IcsPollSchedule", "IcsFeedPoll names %IcsPollSchedule%")]
    [InlineData("setting", "AzureWebJobsStorage__queueServiceUri", "EvaluatePair: connection AzureWebJobsStorage")]
    public void ABindingTheBicepDoesNotProvideFor_FailsTheCheck(string kind, string removed, string expected)
    {
        var bindings = Bindings();
        var queues = ProvisionedQueues();
        var settings = DeployedSettings.FromBicep().ToDictionary(StringComparer.Ordinal);
        Assert.True(kind == "queue" ? queues.Remove(removed) : settings.Remove(removed), $"the Bicep has no {kind} {removed} to remove");

        var problems = kind == "queue" ? QueueProblems(bindings, queues) : SettingProblems(bindings, settings);

        Assert.Contains(problems, p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    private sealed record FunctionBinding(string Function, string Type, JsonObject Binding);

    private static List<string> QueueProblems(List<FunctionBinding> bindings, HashSet<string> provisioned) =>
    [
        .. bindings
            .Where(b => b.Type == "queueTrigger" && !provisioned.Contains(b.Binding["queueName"]!.GetValue<string>()))
            .Select(b => $"{b.Function} reads queue '{b.Binding["queueName"]}', which infra/main.bicep does not provision (it has: {string.Join(", ", provisioned)})"),
    ];

    private static List<string> SettingProblems(List<FunctionBinding> bindings, IReadOnlyDictionary<string, string> settings)
    {
        var problems = new List<string>();
        foreach (var (function, type, binding) in bindings.Where(b => b.Type is not ("httpTrigger" or "http")))
        {
            var connection = binding["connection"]?.GetValue<string>() is { Length: > 0 } named ? named : "AzureWebJobsStorage";
            if (type == "queueTrigger" && !settings.ContainsKey(connection) && !settings.ContainsKey(connection + "__queueServiceUri"))
                problems.Add($"{function}: connection {connection} has neither a connection string nor {connection}__queueServiceUri in the Bicep");
            foreach (Match expression in SettingExpression().Matches(binding.ToJsonString()))
            {
                if (!settings.ContainsKey(expression.Groups[1].Value))
                    problems.Add($"{function} names %{expression.Groups[1].Value}%, which is not an app setting in the Bicep");
            }
        }

        return problems;
    }

    private static List<FunctionBinding> Bindings()
    {
        var configuration = typeof(BindingCrossCheckTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value;
        var path = Path.Combine(BicepCli.RepositoryRoot, "functions", "Mentoring.Functions", "bin", configuration!, "net10.0", "functions.metadata");
        var functions = JsonNode.Parse(File.ReadAllText(path))!.AsArray();
        return [.. functions.SelectMany(f => f!["bindings"]!.AsArray().Select(b =>
            new FunctionBinding(f["name"]!.GetValue<string>(), b!["type"]!.GetValue<string>(), b.AsObject())))];
    }

    private static HashSet<string> ProvisionedQueues()
    {
        var names = CompiledTemplate.LoadMain()["variables"]?["queueNames"]?.AsArray()
            ?? throw new InvalidOperationException("the compiled template has no queueNames variable");
        return names.Select(n => n!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex("%([A-Za-z0-9_:.-]+)%")]
    private static partial Regex SettingExpression();
}
