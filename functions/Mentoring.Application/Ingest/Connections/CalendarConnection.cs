using Azure;

namespace Mentoring.Application.Ingest.Connections;

/// <summary>
/// One calendar we read for a program: a Graph subscription (a user's events), a Google channel (a calendar), or an
/// ICS feed URL. <paramref name="ConnectionId"/> is stable; the provider's subscription or channel id changes on renewal.
/// </summary>
/// <param name="Provider"><c>graph</c>, <c>google</c> or <c>ics</c>.</param>
/// <param name="ConnectionId">Ours, stable across renewals.</param>
/// <param name="ProgramId">The program it serves.</param>
/// <param name="ParticipantId">Whose calendar it is (the person nudged to reconnect), if a participant's.</param>
/// <param name="PairId">For a pair's ICS feed: the pair whose ledger it feeds.</param>
/// <param name="Resource">Graph: the user id; Google: the calendar id; ICS: the feed URL.</param>
/// <param name="SubscriptionId">Graph: the subscription id; Google: the current channel id.</param>
/// <param name="ResourceId">Google: the channel's resource id (needed to stop it).</param>
/// <param name="ExpiresAt">When the subscription or channel expires (renewed before).</param>
/// <param name="Cursor">Graph: the <c>@odata.deltaLink</c>; Google: the <c>nextSyncToken</c>; ICS: the ETag.</param>
/// <param name="LastModified">ICS: the <c>Last-Modified</c> header last seen.</param>
/// <param name="Health">Connected, or failing since when and why.</param>
/// <param name="ReadAt">ICS: when the feed's text was last read in full (its series were expanded from then to
/// <see cref="IcsFeedPoller.Ahead"/> later); a conditional GET is sent only while that window is fresh.</param>
internal sealed record CalendarConnection(
    string Provider,
    string ConnectionId,
    string ProgramId,
    string? ParticipantId,
    string? PairId,
    string Resource,
    string? SubscriptionId = null,
    string? ResourceId = null,
    DateTimeOffset? ExpiresAt = null,
    string? Cursor = null,
    string? LastModified = null,
    ConnectionHealth? Health = null,
    DateTimeOffset? ReadAt = null)
{
    public const string Graph = "graph";
    public const string Google = "google";
    public const string Ics = "ics";

    public static IReadOnlyList<string> Providers { get; } = [Graph, Google, Ics];

    public ConnectionHealth HealthOrNew => Health ?? ConnectionHealth.New;

    /// <summary>
    /// A connection's id: the provider, then a hash of program and resource (one connection per calendar and program;
    /// the id is a URL segment and shows no address or feed secret).
    /// </summary>
    public static string IdFor(string provider, string programId, string resource) =>
        $"{provider}-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(programId + "\n" + resource)))[..20]}";

    /// <summary>The provider an id made by <see cref="IdFor"/> names, or null.</summary>
    public static string? ProviderOf(string connectionId) =>
        connectionId.IndexOf('-', StringComparison.Ordinal) is > 0 and var dash && Providers.Contains(connectionId[..dash]) ? connectionId[..dash] : null;

    internal ETag ETag { get; init; }
}

/// <summary>What an admin sees of a connection: connected, or failing since when, with the kind of the last error.</summary>
/// <param name="Connected">The last attempt worked.</param>
/// <param name="FailingSince">The first failure of the current run of failures.</param>
/// <param name="LastErrorKind">A kind, never a message (<c>http-401</c>, <c>http-404</c>, <c>timeout</c>, …).</param>
/// <param name="Failures">Consecutive failures.</param>
/// <param name="LastSuccessAt">The last attempt that worked.</param>
/// <param name="NudgedAt">When the participant was asked to reconnect (once per run of failures).</param>
internal sealed record ConnectionHealth(
    bool Connected,
    DateTimeOffset? FailingSince,
    string? LastErrorKind,
    int Failures,
    DateTimeOffset? LastSuccessAt,
    DateTimeOffset? NudgedAt)
{
    /// <summary>After this many failures in a row a connection is reported and its owner nudged.</summary>
    public const int FailingAfter = 3;

    public static ConnectionHealth New { get; } = new(true, null, null, 0, null, null);

    public bool IsFailing => Failures >= FailingAfter;

    public static ConnectionHealth Succeeded(DateTimeOffset now) => new(true, null, null, 0, now, null);

    public ConnectionHealth Failed(DateTimeOffset now, string kind) =>
        new(false, FailingSince ?? now, kind, Failures + 1, LastSuccessAt, NudgedAt);
}
