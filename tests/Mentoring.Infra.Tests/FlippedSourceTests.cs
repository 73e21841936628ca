namespace Mentoring.Infra.Tests;

/// <summary>The same check, end to end: a copy of infra/ with one property flipped in the Bicep source.</summary>
public sealed class FlippedSourceTests
{
    [Fact]
    public void Check_SharedKeysTurnedOnInBicep_ReportsAllowSharedKeyAccess()
    {
        var copy = Directory.CreateTempSubdirectory("mentoring-infra-");
        try
        {
            CopyDirectory(BicepCli.InfraDirectory, copy.FullName);
            var storage = Path.Combine(copy.FullName, "modules", "storage.bicep");
            var source = File.ReadAllText(storage);
            Assert.Contains("allowSharedKeyAccess: false", source, StringComparison.Ordinal);
            File.WriteAllText(storage, source.Replace("allowSharedKeyAccess: false", "allowSharedKeyAccess: true", StringComparison.Ordinal));

            var (build, json) = CompiledTemplate.Build(copy.FullName);
            Assert.Equal(0, build.ExitCode);
            var violations = SecurityRules.Check(System.Text.Json.Nodes.JsonNode.Parse(json)!);

            var violation = Assert.Single(violations);
            Assert.Contains("properties.allowSharedKeyAccess is true, expected false", violation, StringComparison.Ordinal);
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
