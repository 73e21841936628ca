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
        var provisioned = ProvisionedQueues();
        var triggers = Bindings().Where(b => b.Type == "queueTrigger").ToList();

        Assert.NotEmpty(triggers);
        Assert.All(triggers, b => Assert.True(provisioned.Contains(b.Binding["queueName"]!.GetValue<string>()),
            $"{b.Function} reads queue '{b.Binding["queueName"]}', which infra/main.bicep does not provision (it has: {string.Join(", ", provisioned)})"));
    }

    [Fact]
    public void EveryBindingConnection_AndSettingExpression_IsAnAppSetting()
    {
        var settings = DeployedSettings.FromBicep();

        foreach (var (function, type, binding) in Bindings().Where(b => b.Type is not ("httpTrigger" or "http")))
        {
            var connection = binding["connection"]?.GetValue<string>() is { Length: > 0 } named ? named : "AzureWebJobsStorage";
            if (type == "queueTrigger")
                Assert.True(settings.ContainsKey(connection) || settings.ContainsKey(connection + "__queueServiceUri"),
                    $"{function}: connection {connection} has neither a connection string nor {connection}__queueServiceUri in the Bicep");
            foreach (Match expression in SettingExpression().Matches(binding.ToJsonString()))
                Assert.True(settings.ContainsKey(expression.Groups[1].Value),
                    $"{function} names %{expression.Groups[1].Value}%, which is not an app setting in the Bicep");
        }
    }

    private sealed record FunctionBinding(string Function, string Type, JsonObject Binding);

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
