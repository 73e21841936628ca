namespace Mentoring.Application.Outbound;

/// <summary>Section <c>Network</c>: where requests made on a user's behalf may go.</summary>
public sealed class NetworkOptions
{
    public const string Section = "Network";

    /// <summary>
    /// Let ICS feeds and integration subscriptions reach loopback, private, link-local and other non-public addresses.
    /// False everywhere by default; only tests and local tools with loopback servers set it.
    /// </summary>
    public bool AllowPrivateTargets { get; set; }
}
