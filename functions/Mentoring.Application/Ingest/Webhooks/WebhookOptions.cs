namespace Mentoring.Application.Ingest.Webhooks;

/// <summary>
/// The <c>Webhooks</c> configuration section: per provider the accepted secrets, e.g.
/// <c>Webhooks:CalCom:Secrets:0</c>. Two secrets are accepted while one is rotated out.
/// Graph's secrets are the subscriptions' <c>clientState</c> values; Google's are the channels' tokens.
/// </summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>At most this many secrets are live at once (the current one and the one being rotated out).</summary>
    public const int MaxSecrets = 2;

    public ProviderWebhookOptions CalCom { get; set; } = new();

    public ProviderWebhookOptions Calendly { get; set; } = new();

    public ProviderWebhookOptions Zoom { get; set; } = new();

    public ProviderWebhookOptions Graph { get; set; } = new();

    public ProviderWebhookOptions Google { get; set; } = new();

    /// <summary>
    /// How long a delivery may wait for storage before it is answered 503: under Graph's 3 s, and far under every other
    /// provider's timeout, so an outage is answered while the provider still listens and it retries.
    /// </summary>
    public TimeSpan StorageDeadline { get; set; } = TimeSpan.FromSeconds(2.5);

    /// <summary>How long after a write to pairs or participants the observations that matched no pair are matched again.</summary>
    public TimeSpan RematchDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an observation that matched no pair is kept, waiting for its pair.</summary>
    public TimeSpan KeepUnmatchedFor { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Problems to report at start-up; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        Check(nameof(CalCom), CalCom, problems);
        Check(nameof(Calendly), Calendly, problems);
        Check(nameof(Zoom), Zoom, problems);
        Check(nameof(Graph), Graph, problems);
        Check(nameof(Google), Google, problems);
        if (StorageDeadline <= TimeSpan.Zero)
            problems.Add($"{Section}:{nameof(StorageDeadline)} must be positive.");
        return problems;
    }

    private static void Check(string provider, ProviderWebhookOptions options, List<string> problems)
    {
        if (options.Secrets.Length > MaxSecrets)
            problems.Add($"{Section}:{provider}:Secrets holds {options.Secrets.Length} secrets; at most {MaxSecrets} are accepted.");
        if (options.Secrets.Any(string.IsNullOrWhiteSpace))
            problems.Add($"{Section}:{provider}:Secrets holds an empty secret.");
        if (provider == nameof(Graph) && options.Secrets.Any(s => s.Length > 128))
            problems.Add($"{Section}:{provider}:Secrets: a Graph clientState is at most 128 characters.");
    }
}

/// <summary>One provider's webhook settings.</summary>
public sealed class ProviderWebhookOptions
{
    public string[] Secrets { get; set; } = [];

    /// <summary>The configured secrets that are usable (non-empty), at most <see cref="WebhookOptions.MaxSecrets"/>.</summary>
    internal IEnumerable<string> Usable => Secrets.Where(s => !string.IsNullOrEmpty(s)).Take(WebhookOptions.MaxSecrets);
}
