using System.Text.Json;
using Mentoring.LocalHost.Replay;

namespace Mentoring.LocalHost.Tests.Replay;

/// <summary>One run of the replay command with captured output.</summary>
internal sealed record ReplayRun(int ExitCode, string Stdout, string Stderr)
{
    public static async Task<ReplayRun> Of(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await ReplayCommand.RunAsync(args, stdout, stderr);
        return new ReplayRun(code, stdout.ToString(), stderr.ToString());
    }

    public static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "Samples", name);

    public static string TempFile(string extension, string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"replay-{Guid.NewGuid():N}{extension}");
        File.WriteAllText(path, content);
        return path;
    }

    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Stdout);
        return document.RootElement.Clone();
    }
}
