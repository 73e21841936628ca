namespace Mentoring.Infra.Tests;

public sealed class TemplateBuildTests
{
    [Fact]
    public void Build_MainBicep_SucceedsWithoutDiagnostics()
    {
        var build = CompiledTemplate.MainBuild;

        Assert.True(build.IsClean, build.ToString());
    }

    [Fact]
    public void Lint_EveryBicepFile_ReportsNothing()
    {
        // bicepconfig.json at the repository root raises the rules that matter to errors.
        var lint = BicepCli.Run("lint", "--pattern", "infra/**/*.bicep");

        Assert.True(lint.IsClean, lint.ToString());
    }

    [Fact]
    public void BuildParams_MainBicepparam_SucceedsWithoutDiagnostics()
    {
        var output = Path.Combine(Path.GetTempPath(), $"mentoring-params-{Guid.NewGuid():N}.json");
        try
        {
            var build = BicepCli.RunWith(
                new Dictionary<string, string?> { ["EMAIL_FROM_ADDRESS"] = "mentoring@contoso.com" },
                "build-params", Path.Combine(BicepCli.InfraDirectory, "main.bicepparam"), "--outfile", output);

            Assert.True(build.IsClean, build.ToString());
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public void BuildParams_WithoutTheFromAddress_StopsNamingTheVariable()
    {
        var output = Path.Combine(Path.GetTempPath(), $"mentoring-params-{Guid.NewGuid():N}.json");
        try
        {
            var build = BicepCli.RunWith(
                new Dictionary<string, string?> { ["EMAIL_FROM_ADDRESS"] = null },
                "build-params", Path.Combine(BicepCli.InfraDirectory, "main.bicepparam"), "--outfile", output);

            Assert.NotEqual(0, build.ExitCode);
            Assert.Contains("EMAIL_FROM_ADDRESS", build.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public void BicepFiles_ModuleReferences_AreLocalOnly()
    {
        // Registry modules (br:, br/public:, ts:) cannot be restored here and would break CI.
        var remote = Directory.EnumerateFiles(BicepCli.InfraDirectory, "*.bicep*", SearchOption.AllDirectories)
            .SelectMany(file => File.ReadLines(file).Select(line => (file, line)))
            .Where(x => x.line.TrimStart().StartsWith("module ", StringComparison.Ordinal))
            .Where(x => x.line.Contains("'br:", StringComparison.Ordinal)
                || x.line.Contains("'br/", StringComparison.Ordinal)
                || x.line.Contains("'ts:", StringComparison.Ordinal)
                || x.line.Contains("'ts/", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(remote);
    }
}
