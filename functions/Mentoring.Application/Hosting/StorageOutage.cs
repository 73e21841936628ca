using System.Net.Sockets;
using Azure;

namespace Mentoring.Application.Hosting;

/// <summary>
/// Tells a storage outage (no connection, a 5xx, throttling or a timeout that outlasted the SDK's retries) from other
/// failures: an HTTP caller is then told to come back later (503 with Retry-After) rather than that we failed (500).
/// </summary>
public static class StorageOutage
{
    /// <summary>What Retry-After says: long enough for a storage restart or a throttling window to pass.</summary>
    public const int RetryAfterSeconds = 10;

    public static bool Is(Exception exception) => exception switch
    {
        RequestFailedException e => e.Status is 0 or 408 or 429 or >= 500,
        // The SDK's "retry failed after N tries": the last try may be the cancellation that ended the retries.
        AggregateException e => e.InnerExceptions.Any(Is) && e.InnerExceptions.All(i => Is(i) || i is OperationCanceledException),
        HttpRequestException or SocketException or TimeoutException => true,
        _ => false,
    };
}
