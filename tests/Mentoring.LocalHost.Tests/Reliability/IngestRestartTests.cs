using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Mentoring.LocalHost.Azurite;
using Mentoring.Tests.Calendars;
using Mentoring.Tests.Calendars.Support;
using Xunit.Abstractions;

namespace Mentoring.Tests.Reliability;

/// <summary>
/// Storage goes away in the middle of a burst of signed Cal.com deliveries posted concurrently through the local host
/// (Azurite on disk, restarted on the same ports). What is accepted (202) is never lost; what arrives while storage is
/// down is answered 503 problem+json with Retry-After, and is posted again as a provider would; after the queue drains
/// every delivery is in the pair's ledger exactly once.
/// </summary>
public sealed class IngestRestartTests(ITestOutputHelper output)
{
    private const int Deliveries = 240;
    private const int Clients = 8;

    [Fact]
    public async Task IngestBurst_StorageRestartedMidway_EveryAcceptedDeliveryInTheLedgerOnce_OutageAnswered503()
    {
        var location = Directory.CreateTempSubdirectory("azurite-ingest-restart-").FullName;
        var azurite = await AzuriteProcess.StartAsync(new AzuriteOptions(location));
        var samePlace = new AzuriteOptions(location, azurite.BlobPort, azurite.QueuePort, azurite.TablePort);
        try
        {
            await using var host = await WebhookHost.StartAsync(azurite.ConnectionString, productDeadline: true);
            var first = new ConcurrentDictionary<int, HttpStatusCode>();
            var unavailable = new ConcurrentBag<string>();
            var answered = 0;
            var outageAt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

            var outage = Task.Run(async () =>
            {
                await outageAt.Task;
                await azurite.StopAsync();
                await azurite.DisposeAsync();
                await Task.Delay(TimeSpan.FromSeconds(4)); // longer than the ingest's storage deadline
                azurite = await AzuriteProcess.StartAsync(samePlace);
            });
            await Parallel.ForEachAsync(Enumerable.Range(0, Deliveries), new ParallelOptions { MaxDegreeOfParallelism = Clients }, async (n, _) =>
            {
                using var response = await PostAsync(host, n);
                first[n] = response.StatusCode;
                if ((int)response.StatusCode >= 500)
                    unavailable.Add(Describe(response));
                if (Interlocked.Increment(ref answered) == Deliveries / 4)
                    outageAt.TrySetResult();
            });
            await outage;

            // The provider retries what was not accepted, until it is.
            var retries = 0;
            foreach (var n in first.Where(f => f.Value != HttpStatusCode.Accepted).Select(f => f.Key))
            {
                for (var attempt = 1; ; attempt++)
                {
                    using var response = await PostAsync(host, n);
                    retries++;
                    if (response.IsSuccessStatusCode)
                        break;
                    Assert.True(attempt < 10, $"delivery {n} still refused: {Describe(response)}");
                    await Task.Delay(TimeSpan.FromSeconds(1));
                }
            }

            await host.DrainCalendarChangesAsync();
            var ledger = await host.LedgerAsync();
            var statuses = string.Join(", ", first.Values.GroupBy(s => (int)s).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}"));
            output.WriteLine($"{Deliveries} deliveries, {Clients} clients; first answers {statuses}; {retries} retries; ledger rows {ledger.Count}");

            Assert.NotEmpty(unavailable); // the outage fell inside the burst
            Assert.All(unavailable, u => Assert.Equal("503 application/problem+json Retry-After", u));
            Assert.Equal(0, await host.CountAsync(Application.Queues.QueueNames.PoisonOf(Application.Queues.QueueNames.CalendarChanges)));
            Assert.Equal(Deliveries, ledger.Count);
            Assert.Equal(Enumerable.Range(0, Deliveries).Select(Uid).Order(StringComparer.Ordinal), ledger.Select(c => c.MeetingId.Split(':')[^1]).Order(StringComparer.Ordinal));
        }
        finally
        {
            await azurite.DisposeAsync();
            Directory.Delete(location, recursive: true);
        }
    }

    private static string Uid(int n) => $"burst{n:D4}";

    private static async Task<HttpResponseMessage> PostAsync(WebhookHost host, int n)
    {
        var body = Encoding.UTF8.GetBytes(Sample.Text("calcom/booking-created.json")
            .Replace("bFJeNb2uX8ANpT3JL5EfXw", Uid(n), StringComparison.Ordinal)
            .Replace("\"bookingId\": 91", $"\"bookingId\": {1000 + n}", StringComparison.Ordinal));
        return await host.PostAsync(WebhookHost.Route("calcom"), body, "application/json", WebhookHost.Signed("calcom", body));
    }

    private static string Describe(HttpResponseMessage response) =>
        $"{(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType}{(response.Headers.RetryAfter is null ? "" : " Retry-After")}";
}
