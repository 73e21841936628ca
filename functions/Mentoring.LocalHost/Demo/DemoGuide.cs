using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Mentoring.LocalHost.Demo;

/// <summary>
/// What the demo prints once it has seeded and swept: where to look (the dashboard, the outbox folder) and three curl
/// commands that work as printed (health, the at-risk list, one pair's timeline).
/// </summary>
internal static class DemoGuide
{
    public const string KeySetting = "Auth:BootstrapKey";
    public const string TimelinePair = "pair-drifting-01";

    /// <summary>
    /// The admin key the demo's commands use: the configured bootstrap key, or — when none is set — a random one made for
    /// this run (the local host listens on loopback only; the key dies with the process).
    /// </summary>
    public static DemoKey EnsureKey(IConfiguration configuration)
    {
        if (configuration[KeySetting] is { Length: > 0 })
            return new DemoKey(null);
        var key = "demo-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        configuration[KeySetting] = key;
        return new DemoKey(key);
    }

    public static string Text(Uri root, string outbox, DemoKey key, int pairs)
    {
        var api = root.AbsoluteUri.TrimEnd('/') + "/api";
        var bearer = key.Generated ?? "$KEY";
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Demo ready: program \"{DemoSeeder.ProgramId}\", {pairs} pairs, swept once.");
        text.AppendLine(CultureInfo.InvariantCulture, $"  Dashboard:  {api}/dashboard?program={DemoSeeder.ProgramId}  (paste the admin key into its key field)");
        text.AppendLine(CultureInfo.InvariantCulture, $"  Outbox:     {outbox}  (one .eml file per email sent)");
        if (key.Generated is null)
            text.AppendLine("  Admin key:  KEY is your Auth:BootstrapKey (export KEY=... first)");
        else
            text.AppendLine(CultureInfo.InvariantCulture, $"  Admin key:  {key.Generated}  (made for this run; set Auth:BootstrapKey to choose your own)");
        text.AppendLine("Try:");
        text.AppendLine(CultureInfo.InvariantCulture, $"  curl -s {api}/health");
        text.AppendLine(CultureInfo.InvariantCulture, $"  curl -s {api}/programs/{DemoSeeder.ProgramId}/at-risk -H \"Authorization: Bearer {bearer}\"");
        text.AppendLine(CultureInfo.InvariantCulture, $"  curl -s {api}/programs/{DemoSeeder.ProgramId}/pairs/{TimelinePair}/timeline -H \"Authorization: Bearer {bearer}\"");
        text.AppendLine("  (all routes: docs/admin-api.md)");
        return text.ToString();
    }
}

/// <param name="Generated">The key the demo made for this run, or null when the configuration set one.</param>
internal sealed record DemoKey(string? Generated);
