using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Mentoring.Functions.Tests.FunctionsHost;

/// <summary>
/// The app settings of the compiled Bicep as the app would see them in Azure: each ARM expression evaluated with
/// Azure-shaped values (endpoints, the site's host name, ids), each Key Vault reference resolved to a secret of the
/// right shape. Nothing local in them: what a default would have filled locally must come from the template.
/// </summary>
internal static partial class AzureLikeSettings
{
    public const string HostName = "func-mentoring-prod-abc123.azurewebsites.net";

    private static readonly Dictionary<string, string> Parameters = new(StringComparer.Ordinal)
    {
        ["identityClientId"] = "6f1c2a51-8c2e-4d8f-9a51-3b1f0c2d4e5f",
        ["blobEndpoint"] = "https://stmentoringabc123.blob.core.windows.net/",
        ["queueEndpoint"] = "https://stmentoringabc123.queue.core.windows.net/",
        ["tableEndpoint"] = "https://stmentoringabc123.table.core.windows.net/",
        ["applicationInsightsConnectionString"] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/",
        ["serviceBusNamespace"] = "sb-mentoring-prod-abc123.servicebus.windows.net",
        ["serviceBusTopic"] = "integration-events",
        ["keyVaultUri"] = "https://kv-abc123.vault.azure.net/",
        ["emailFromAddress"] = "mentoring@contoso.com",
        ["emailFromName"] = "Contoso mentoring",
    };

    /// <summary>Every setting, evaluated; <paramref name="sendGridEventKey"/> is what the SendGrid key secret holds.</summary>
    public static Dictionary<string, string?> Evaluate(IReadOnlyDictionary<string, string> bicep, string sendGridEventKey)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, raw) in bicep)
        {
            var value = raw.StartsWith('[') && raw.EndsWith(']') ? Expression(name, raw[1..^1]) : raw;
            // App Service resolves a reference before the app starts: the app sees the secret.
            if (value.StartsWith("@Microsoft.KeyVault(", StringComparison.Ordinal))
                value = name == "SendGrid__EventWebhookPublicKey" ? sendGridEventKey : "kv-secret-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
            settings[name] = value;
        }

        return settings;
    }

    public static string NewSendGridEventKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
    }

    private static string Expression(string name, string expression)
    {
        if (ParameterOnly().Match(expression) is { Success: true } parameter)
            return Parameter(name, parameter.Groups[1].Value);
        var format = Format().Match(expression);
        if (!format.Success)
            throw new InvalidOperationException($"{name}: no Azure-like value for the expression [{expression}]; teach {nameof(AzureLikeSettings)} it.");
        var arguments = SplitArguments(format.Groups[2].Value);
        return Placeholder().Replace(format.Groups[1].Value, m => Argument(name, arguments[int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)]));
    }

    private static string Argument(string name, string argument)
    {
        if (argument.Contains(".defaultHostName", StringComparison.Ordinal))
            return HostName;
        if (SecretName().Match(argument) is { Success: true } secret)
            return secret.Groups[1].Value;
        if (ParameterOnly().Match(argument) is { Success: true } parameter)
            return Parameter(name, parameter.Groups[1].Value);
        throw new InvalidOperationException($"{name}: no Azure-like value for the argument {argument}; teach {nameof(AzureLikeSettings)} it.");
    }

    private static string Parameter(string name, string parameter) =>
        Parameters.TryGetValue(parameter, out var value)
            ? value
            : throw new InvalidOperationException($"{name}: no Azure-like value for parameters('{parameter}'); teach {nameof(AzureLikeSettings)} it.");

    private static List<string> SplitArguments(string text)
    {
        var arguments = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (text[i] == ',' && depth == 0)
            {
                arguments.Add(text[start..i].Trim());
                start = i + 1;
            }
        }

        arguments.Add(text[start..].Trim());
        return arguments;
    }

    [GeneratedRegex(@"^parameters\('([^']+)'\)$")]
    private static partial Regex ParameterOnly();

    [GeneratedRegex(@"^format\('((?:[^']|'')*)',\s*(.*)\)$")]
    private static partial Regex Format();

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^parameters\('secretNames'\)\.(\w+)$")]
    private static partial Regex SecretName();
}
