using System.Text.Json;
using Mentoring.Application.Ingest.CalCom;
using Mentoring.Application.Ingest.Calendly;
using Mentoring.Application.Ingest.Google;
using Mentoring.Application.Ingest.Graph;
using Mentoring.Application.Ingest.Matching;
using Mentoring.Application.Ingest.Normalising;
using Mentoring.Application.Ingest.Webhooks;
using Mentoring.Application.Ingest.Zoom;
using Mentoring.Tests.Calendars.Support;

namespace Mentoring.Tests.Calendars.Webhooks;

/// <summary>
/// Thousands of mutated real-shaped payloads per provider, signed as the provider signs (so they get past verification
/// and into the parser) and also with the original signature: only verdicts and Parsed/Ignored/Invalid come out.
/// </summary>
public sealed class FuzzTests
{
    private const int Mutations = 2500;
    private const string Secret = "fuzz-secret";
    private static readonly ProviderWebhookOptions Options = Sample.Secrets(Secret);
    private static readonly Dictionary<string, string> NoAliases = [];

    public static TheoryData<string> Providers => new() { "calcom", "calendly", "zoom", "graph", "google" };

    [Theory]
    [MemberData(nameof(Providers))]
    public void MutatedPayloads_VerifyAndNormalise_NoExceptionEscapes(string provider)
    {
        var mutator = new Mutator(seed: provider.Aggregate(20250318, (hash, c) => (hash * 31) + c));
        var samples = Sample.All(provider).Select(Sample.Bytes).ToArray();
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < Mutations; i++)
        {
            var original = samples[i % samples.Length];
            var mutated = mutator.Mutate(original);
            foreach (var outcome in Run(provider, original, mutated))
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        // The original signature never verifies a changed body (Graph and Google sign nothing over the body).
        Assert.True(outcomes.GetValueOrDefault("stale-signature:Verified") <= (provider is "graph" or "google" ? Mutations : Mutations / 50));
        Assert.True(outcomes.Keys.Count(k => k.StartsWith("parse:", StringComparison.Ordinal)) >= 2, string.Join(", ", outcomes));
    }

    private static IEnumerable<string> Run(string provider, byte[] original, byte[] mutated)
    {
        var now = Sample.Now;
        var t = now.ToUnixTimeSeconds();
        switch (provider)
        {
            case "calcom":
                var calcom = new CalComWebhookVerifier(Options);
                yield return "stale-signature:" + calcom.Verify(Sample.Request(mutated, (CalComWebhookVerifier.SignatureHeader, Sample.HexHmac(Secret, original))), now).Outcome;
                Assert.Equal(WebhookOutcome.Verified, calcom.Verify(Sample.Request(mutated, (CalComWebhookVerifier.SignatureHeader, Sample.HexHmac(Secret, mutated))), now).Outcome);
                yield return "parse:" + Match(CalComNormaliser.Normalise(mutated, NoAliases));
                break;
            case "calendly":
                var calendly = new CalendlyWebhookVerifier(Options);
                yield return "stale-signature:" + calendly.Verify(Sample.Request(mutated, (CalendlyWebhookVerifier.SignatureHeader, $"t={t},v1={Sample.HexHmac(Secret, Sample.Concat($"{t}.", original))}")), now).Outcome;
                Assert.Equal(WebhookOutcome.Verified, calendly.Verify(Sample.Request(mutated, (CalendlyWebhookVerifier.SignatureHeader, $"t={t},v1={Sample.HexHmac(Secret, Sample.Concat($"{t}.", mutated))}")), now).Outcome);
                yield return "parse:" + Match(CalendlyNormaliser.Normalise(mutated, NoAliases));
                break;
            case "zoom":
                var zoom = new ZoomWebhookVerifier(Options);
                yield return "stale-signature:" + zoom.Verify(Sample.Request(mutated, (ZoomWebhookVerifier.SignatureHeader, "v0=" + Sample.HexHmac(Secret, Sample.Concat($"v0:{t}:", original))), (ZoomWebhookVerifier.TimestampHeader, $"{t}")), now).Outcome;
                var signed = zoom.Verify(Sample.Request(mutated, (ZoomWebhookVerifier.SignatureHeader, "v0=" + Sample.HexHmac(Secret, Sample.Concat($"v0:{t}:", mutated))), (ZoomWebhookVerifier.TimestampHeader, $"{t}")), now);
                yield return "signed:" + signed.Outcome;
                yield return "parse:" + Match(ZoomNormaliser.Normalise(mutated, NoAliases));
                break;
            case "graph":
                yield return "stale-signature:" + new GraphWebhookVerifier(Sample.Secrets("graph-client-state-current")).Verify(Sample.Request(mutated), now).Outcome;
                _ = GraphNotificationReader.Read(mutated, ["graph-client-state-current"]);
                yield return "parse:" + (GraphEventJson.TryRead(mutated) is { } graphEvent ? Match(GraphEventNormaliser.Normalise(graphEvent, now)) : "unreadable");
                break;
            default:
                yield return "stale-signature:" + new GoogleWebhookVerifier(Options, _ => true).Verify(Sample.Request(mutated), now).Outcome;
                yield return "parse:" + GoogleItems(mutated, now);
                break;
        }
    }

    private static string GoogleItems(byte[] body, DateTimeOffset now)
    {
        using var document = JsonRead(body);
        if (document is null)
            return "unreadable";
        var items = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("items", out var list)
            && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().ToArray() : [document.RootElement];
        return string.Join(",", items.Select(item => Match(GoogleEventNormaliser.Normalise(item, now))).Distinct());
    }

    private static JsonDocument? JsonRead(byte[] body)
    {
        if (!System.Text.Unicode.Utf8.IsValid(body))
            return null;
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Matching and mapping to ledger changes must cope with whatever the normaliser let through.</summary>
    private static string Match(Normalised result)
    {
        foreach (var observation in result.Observations)
            _ = PairMatcher.Match(observation, [Support.Ledger.Pair]);
        return result.Status.ToString();
    }
}
