using Mentoring.Application.Evaluation;
using Mentoring.Application.Outbox;
using Mentoring.Application.Queues;
using Mentoring.Application.Roster;
using Mentoring.LocalHost.Azurite;
using Mentoring.LocalHost.Demo;
using Mentoring.LocalHost.Queues;
using Mentoring.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Mentoring.Tests.Reliability;

/// <summary>
/// What the reliability tests share: demo programs (20 pairs each, every pair due at <see cref="Now"/>), the emails the
/// same programs decide on storage that never fails, a counting sender, and draining until no queue holds a message.
/// </summary>
internal static class DemoPrograms
{
    public static readonly DateTimeOffset Now = new(2026, 3, 8, 23, 30, 0, TimeSpan.Zero);

    /// <summary>The shortest claim EmailOptions allows: a send claimed before an outage comes back soon after it.</summary>
    public static readonly TimeSpan ShortClaim = TimeSpan.FromSeconds(10);

    public static readonly QueuePumpOptions QuickLease = new()
    {
        LeaseTime = TimeSpan.FromSeconds(3), // a message taken before the outage comes back quickly after it
        RetryDelay = TimeSpan.FromMilliseconds(200),
    };

    public static async Task<int> SeedAsync(PipelineHarness harness, IEnumerable<string> programIds)
    {
        var seeded = 0;
        foreach (var programId in programIds)
            seeded += await ActivatorUtilities.CreateInstance<DemoSeeder>(harness.Services).SeedAsync(Now, default, programId);
        return seeded;
    }

    /// <summary>The same programs, same clock, one host, storage that never fails: what "every decided email" is.</summary>
    public static async Task<IReadOnlyList<string>> EmailsWithoutFaultsAsync(IReadOnlyList<string> programIds)
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        await using var harness = await PipelineHarness.StartAsync(azurite.ConnectionString, Now, services => Count(services));
        await SeedAsync(harness, programIds);
        await harness.Get<SweepHandler>().RunAsync(default);
        await harness.DrainAsync(options: QuickLease);
        var sends = ((CountingEmailSender)harness.Get<IEmailSender>()).Sends;
        Assert.True(sends.Count > 3 * programIds.Count, "the demo decides several emails per program");
        return [.. sends.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>The real outbox sender behind a <see cref="CountingEmailSender"/>, with the shortest claim lease.</summary>
    public static void Count(IServiceCollection services, int holdAfter = int.MaxValue)
    {
        services.Configure<EmailOptions>(options => options.ClaimLease = ShortClaim);
        services.AddSingleton<EmlOutboxSender>();
        services.AddSingleton<IEmailSender>(provider =>
            new CountingEmailSender(provider.GetRequiredService<EmlOutboxSender>()) { HoldAfter = holdAfter });
    }

    /// <summary>Drains (every harness at once) until no queue holds a message, visible or not (retries and deferrals wait invisibly).</summary>
    public static async Task DrainUntilEmptyAsync(params PipelineHarness[] harnesses)
    {
        for (var round = 0; round < 120; round++)
        {
            await Task.WhenAll(harnesses.Select(h => h.DrainAsync(options: QuickLease)));
            var waiting = 0;
            foreach (var queue in QueueNames.All)
                waiting += await harnesses[0].CountAsync(queue);
            if (waiting == 0)
                return;
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        throw new InvalidOperationException("The queues still held messages after 120 rounds.");
    }

    public static async Task<int> PoisonedAsync(PipelineHarness harness)
    {
        var poisoned = 0;
        foreach (var queue in QueueNames.All)
            poisoned += await harness.CountAsync(QueueNames.PoisonOf(queue));
        return poisoned;
    }

    /// <summary>The pairs of these programs that no evaluation has reached.</summary>
    public static async Task<List<string>> UnevaluatedAsync(PipelineHarness harness, IEnumerable<string> programIds)
    {
        var missing = new List<string>();
        foreach (var programId in programIds)
        {
            foreach (var (pair, summary) in await harness.Get<PairStore>().ListAsync(programId, default))
            {
                if (summary.EvaluatedAt is null)
                    missing.Add($"{programId}/{pair.PairId}");
            }
        }

        return missing;
    }
}
