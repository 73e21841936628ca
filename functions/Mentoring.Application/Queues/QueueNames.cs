namespace Mentoring.Application.Queues;

/// <summary>The queues, as both hosts bind them. A message that fails 5 times goes to <c>{queue}-poison</c>.</summary>
public static class QueueNames
{
    public const string CalendarChanges = "calendar-changes";
    public const string PairEvaluations = "pair-evaluations";
    public const string OutboundEmail = "outbound-email";
    public const string WebhookDeliveries = "webhook-deliveries";

    /// <summary>The Functions host's default maxDequeueCount (host.json says the same).</summary>
    public const int MaxDequeueCount = 5;

    public static IReadOnlyList<string> All { get; } = [CalendarChanges, PairEvaluations, OutboundEmail, WebhookDeliveries];

    public static string PoisonOf(string queue) => queue + "-poison";

    /// <summary>
    /// How long a raw webhook delivery (attendees' addresses and names) may wait in <c>calendar-changes</c> or its poison
    /// queue before Storage deletes it: long enough to outlast an outage of a few days, never indefinitely.
    /// </summary>
    public static readonly TimeSpan RawDeliveryLifetime = TimeSpan.FromDays(7);

    /// <summary>Never expires (Storage's <c>messagettl=-1</c>).</summary>
    public static readonly TimeSpan Forever = TimeSpan.FromSeconds(-1);

    /// <summary>
    /// The time-to-live of a message parked in <c>{queue}-poison</c>: <see cref="RawDeliveryLifetime"/> for
    /// <c>calendar-changes</c> (its messages carry raw provider bodies), forever for the others (ids only).
    /// </summary>
    public static TimeSpan PoisonTimeToLive(string queue) => queue == CalendarChanges ? RawDeliveryLifetime : Forever;
}
