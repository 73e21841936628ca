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
}
