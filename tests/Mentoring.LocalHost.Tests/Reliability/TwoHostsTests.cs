using Mentoring.Application.Evaluation;
using Mentoring.Application.Outbox;
using Mentoring.Application.Roster;
using Mentoring.Application.Storage;
using Mentoring.LocalHost.Azurite;
using Mentoring.LocalHost.Demo;
using Mentoring.Testing;
using Xunit.Abstractions;

namespace Mentoring.Tests.Reliability;

/// <summary>
/// Two local hosts on one storage account, as two instances of the Functions app would be: each sweeps (twice, while
/// both drain) and both pump the same queues. Every pair is evaluated, every decided email goes out once across the two
/// hosts, and no ledger gains a row.
/// </summary>
public sealed class TwoHostsTests(ITestOutputHelper output)
{
    private static readonly string[] Programs = ["twin-a", "twin-b", "twin-c"];

    [Fact]
    public async Task TwoHosts_OneStorage_SweepAndDrainTogether_EveryPairEvaluated_NoDuplicateEmailOrLedgerRow()
    {
        var expected = await DemoPrograms.EmailsWithoutFaultsAsync(Programs);
        await using var azurite = await AzuriteProcess.StartAsync();
        await using var one = await PipelineHarness.StartAsync(azurite.ConnectionString, DemoPrograms.Now, services => DemoPrograms.Count(services));
        await using var two = await PipelineHarness.StartAsync(azurite.ConnectionString, DemoPrograms.Now, services => DemoPrograms.Count(services));
        var pairs = await DemoPrograms.SeedAsync(one, Programs);

        var swept = await Task.WhenAll(one.Get<SweepHandler>().RunAsync(default), two.Get<SweepHandler>().RunAsync(default));
        await Task.WhenAll(
            one.DrainAsync(options: DemoPrograms.QuickLease),
            two.DrainAsync(options: DemoPrograms.QuickLease),
            one.Get<SweepHandler>().RunAsync(default),
            two.Get<SweepHandler>().RunAsync(default));
        await DemoPrograms.DrainUntilEmptyAsync(one, two);

        var sends = ((CountingEmailSender)one.Get<IEmailSender>()).Sends.Concat(((CountingEmailSender)two.Get<IEmailSender>()).Sends)
            .GroupBy(s => s.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(s => s.Value), StringComparer.Ordinal);
        output.WriteLine($"{pairs} pairs; first sweeps enqueued {swept[0].PairsEnqueued} + {swept[1].PairsEnqueued}; "
            + $"emails sent by host one {((CountingEmailSender)one.Get<IEmailSender>()).Sends.Count}, by host two {((CountingEmailSender)two.Get<IEmailSender>()).Sends.Count}");
        Assert.Equal(0, await DemoPrograms.PoisonedAsync(one));
        Assert.Empty(await DemoPrograms.UnevaluatedAsync(one, Programs));
        Assert.Equal(expected, sends.Keys.Order(StringComparer.Ordinal));
        Assert.All(sends, send => Assert.Equal(1, send.Value));
        foreach (var programId in Programs)
        {
            foreach (var (pair, _) in await one.Get<PairStore>().ListAsync(programId, default))
            {
                var scenario = Enum.Parse<DemoScenario>(pair.PairId["pair-".Length..pair.PairId.LastIndexOf('-')], ignoreCase: true);
                var ledger = (await one.Get<PairLogStore>().LoadAsync(Keys.PairLog(programId, pair.PairId), default)).Ledger;
                Assert.Equal(DemoSeeder.History(scenario, DemoPrograms.Now.AddDays(-150), DemoPrograms.Now).Count, ledger.Count);
            }
        }
    }
}
