namespace Mentoring.Application.Ingest.Connections;

/// <summary>
/// The <c>Calendars</c> section: how we reach Graph and Google, and where they post back. Schedules are app settings
/// (<c>SubscriptionRenewalSchedule</c>, <c>IcsPollSchedule</c>) as the Functions timers read them.
/// </summary>
public sealed class CalendarClientOptions
{
    public const string Section = "Calendars";

    public GraphConnectionOptions Graph { get; set; } = new();

    public GoogleConnectionOptions Google { get; set; } = new();

    /// <summary>Renew a Graph subscription or Google channel when it expires sooner than this.</summary>
    public TimeSpan RenewBefore { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The window a first Graph delta sync reads (before and after now).</summary>
    public TimeSpan SyncWindow { get; set; } = TimeSpan.FromDays(90);

    internal IEnumerable<string> Problems()
    {
        if (RenewBefore <= TimeSpan.Zero || RenewBefore >= TimeSpan.FromDays(6))
            yield return $"{Section}:RenewBefore must be between 0 and 6 days.";
        if (Graph.SubscriptionLifetime <= RenewBefore || Graph.SubscriptionLifetime > TimeSpan.FromMinutes(10080))
            yield return $"{Section}:Graph:SubscriptionLifetime must exceed RenewBefore and be at most 10,080 minutes.";
        if (Google.ChannelLifetime <= RenewBefore)
            yield return $"{Section}:Google:ChannelLifetime must exceed RenewBefore.";
        if (Graph.BaseUrl is { IsAbsoluteUri: false } || Google.BaseUrl is { IsAbsoluteUri: false })
            yield return $"{Section}: base URLs must be absolute.";
        if (!string.IsNullOrWhiteSpace(Google.ServiceAccountKey) && !Ingest.Google.ServiceAccountKey.TryParse(Google.ServiceAccountKey, out _))
            yield return $"{Section}:Google:ServiceAccountKey must be a service account's JSON key (client_email, private_key, token_uri).";
    }
}

public sealed class GraphConnectionOptions
{
    /// <summary>Graph's root; another (a loopback server) in tests.</summary>
    public Uri BaseUrl { get; set; } = new("https://graph.microsoft.com/v1.0");

    /// <summary>With <see cref="ClientId"/> and <see cref="ClientSecret"/>: an app registration's client credentials.</summary>
    public string? TenantId { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>No credential at all (a loopback server, local runs). Otherwise the managed identity is used.</summary>
    public bool Anonymous { get; set; }

    /// <summary>Our <c>https://&lt;app&gt;/api/webhooks/graph</c>, for subscriptions we create.</summary>
    public Uri? NotificationUrl { get; set; }

    public Uri? LifecycleNotificationUrl { get; set; }

    public TimeSpan SubscriptionLifetime { get; set; } = TimeSpan.FromDays(3);
}

public sealed class GoogleConnectionOptions
{
    public Uri BaseUrl { get; set; } = new("https://www.googleapis.com/calendar/v3/");

    /// <summary>Our <c>https://&lt;app&gt;/api/webhooks/google</c>, for channels we open.</summary>
    public Uri? WebhookUrl { get; set; }

    public TimeSpan ChannelLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>A fixed access token (local runs and tests); used only when <see cref="ServiceAccountKey"/> is not set.</summary>
    public string? AccessToken { get; set; }

    /// <summary>
    /// A Google Workspace service account's JSON key (the file's content; a Key Vault reference in Azure), with
    /// domain-wide delegation: each calendar is read as its owner.
    /// </summary>
    public string? ServiceAccountKey { get; set; }
}

/// <summary>The OAuth boundary: an access token for the owner of a Google calendar connection.</summary>
internal interface IGoogleAccessTokens
{
    ValueTask<string> GetAsync(CalendarConnection connection, CancellationToken ct);
}
