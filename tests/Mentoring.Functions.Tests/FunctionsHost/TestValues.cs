using System.Security.Cryptography;
using Mentoring.Tests.Email;

namespace Mentoring.Functions.Tests.FunctionsHost;

/// <summary>The local values both hosts run with in place of Azure's, and the environment built from them.</summary>
internal static class TestValues
{
    public const string AdminKey = "functions-host-test-admin-key-0123456789";
    public const string LinkSigningKey = "functions-host-test-link-signing-key-0123456789";
    public const string FromAddress = "mentoring@contoso.com";

    public static readonly IReadOnlyDictionary<string, string> WebhookSecrets = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Calcom"] = "calcom-test-secret-0123456789",
        ["Calendly"] = "calendly-test-secret-0123456789",
        ["Zoom"] = "zoom-test-secret-0123456789",
        ["Graph"] = "graph-test-client-state-0123456789",
        ["Google"] = "google-test-channel-token-0123456789",
    };

    /// <summary>
    /// The app settings of infra/main.bicep with local values, plus what a test run adds (SendGrid on loopback, a sweep
    /// every 5 s); <paramref name="differences"/> says which settings differ from the Bicep's and why.
    /// </summary>
    public static Dictionary<string, string> Environment(string storage, Uri baseUrl, FakeSendGrid sendGrid, out IReadOnlyList<string> differences)
    {
        using var sendGridEvents = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var local = new LocalValues(
            storage, baseUrl, FakeSendGrid.ApiKey, WebhookSecrets, LinkSigningKey, AdminKey,
            Convert.ToBase64String(sendGridEvents.ExportSubjectPublicKeyInfo()), FromAddress);
        var environment = new Dictionary<string, string>(DeployedSettings.ForLocalRun(local, out var replaced), StringComparer.Ordinal);
        var added = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // Not in the Bicep: where SendGrid is (its API root on loopback).
            ["SendGrid__BaseUrl"] = sendGrid.BaseUrl.ToString(),
            // The Bicep sweeps hourly; the test cannot wait an hour for the timer.
            ["SweepSchedule"] = "*/5 * * * * *",
        };
        foreach (var (name, value) in added)
            environment[name] = value;
        differences = [.. replaced, .. added.Keys.Select(k => $"{k} (added for the test)")];
        return environment;
    }
}
