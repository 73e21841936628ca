using System.Text.Json.Nodes;

namespace Mentoring.Infra.Tests;

/// <summary>infra/main.bicep compiled once per test run; tests get a fresh copy they may change.</summary>
internal static class CompiledTemplate
{
    private static readonly Lazy<(BicepResult Build, string Json)> Main = new(() => Build(BicepCli.InfraDirectory));

    public static BicepResult MainBuild => Main.Value.Build;

    public static JsonNode LoadMain() =>
        JsonNode.Parse(Main.Value.Json) ?? throw new InvalidDataException("main.json is empty");

    /// <summary>Builds main.bicep from <paramref name="infraDirectory"/> into a temporary file.</summary>
    public static (BicepResult Build, string Json) Build(string infraDirectory)
    {
        var output = Path.Combine(Path.GetTempPath(), $"mentoring-infra-{Guid.NewGuid():N}.json");
        try
        {
            var build = BicepCli.Run("build", Path.Combine(infraDirectory, "main.bicep"), "--outfile", output);
            return (build, File.Exists(output) ? File.ReadAllText(output) : "");
        }
        finally
        {
            File.Delete(output);
        }
    }
}
