using Mentoring.Application.Evaluation;
using Mentoring.Application.Ingest;
using Mentoring.Application.Roster;
using Mentoring.Application.Storage;
using Mentoring.Engine.Ledger;
using Mentoring.Engine.Policy;
using Mentoring.Testing;

namespace Mentoring.Tests.Engagement;

/// <summary>The program-level rules as the sweep runs them: the weekly admin digest and its numbers, in the outbox.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class ProgramRulesTests(AzuriteFixture azurite)
{
    // Monday 9 March 2026, 08:30 in Berlin: half an hour before the digest's moment (09:00 local, the working day's start).
    private static readonly DateTimeOffset MondayMorning = new(2026, 3, 9, 7, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Sweep_MondayAtNine_SendsOneDigestCountingPairsThatMetInThirtyDays()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, MondayMorning);
        const string programId = "digest-1";
        var name = "Digest program " + Guid.NewGuid().ToString("N")[..8];
        await harness.Get<ProgramStore>().SaveAsync(
            new ProgramRecord(programId, name, "Europe/Berlin", EngagementPolicy.Default, "digest-admin@test.example"), default);
        foreach (var pairId in new[] { "a", "b", "c" })
            await TestPrograms.SeedPairAsync(harness, programId, pairId, MondayMorning); // last held 25 days ago: Watch, met in 30 days
        await SeedLongAgoPairAsync(harness, programId, "d"); // last held 40 days ago: at risk, not met in 30 days
        var sweep = harness.Get<SweepHandler>();

        await sweep.RunAsync(default);
        await harness.DrainAsync();
        Assert.Empty(Digests(harness, name)); // 08:30 in Berlin: not yet

        harness.Time.Advance(TimeSpan.FromMinutes(40)); // 09:10 in Berlin
        await sweep.RunAsync(default);
        await harness.DrainAsync();
        harness.Time.Advance(TimeSpan.FromHours(1));
        await sweep.RunAsync(default);
        await harness.DrainAsync();

        var digest = Assert.Single(Digests(harness, name));
        Assert.Contains("To: digest-admin@test.example", digest, StringComparison.Ordinal);
        Assert.Contains("Pairs that met in the last 30 days: 3", digest, StringComparison.Ordinal);
        Assert.Contains("Active pairs: 4", digest, StringComparison.Ordinal);

        harness.Time.Advance(TimeSpan.FromDays(7));
        await sweep.RunAsync(default);
        await harness.DrainAsync();
        Assert.Equal(2, Digests(harness, name).Length); // the next Monday's
    }

    private static async Task SeedLongAgoPairAsync(PipelineHarness harness, string programId, string pairId)
    {
        await TestPrograms.SeedPairAsync(harness, programId, pairId, MondayMorning, due: true);
        var now = MondayMorning;
        LedgerChange[] cancelled = [new("m2/cancelled", "m2", ChangeKind.Cancelled, now.AddDays(-30), now.AddDays(-25), now.AddDays(-25).AddHours(1))];
        LedgerChange[] earlier = [new("m1/moved", "m1", ChangeKind.Rescheduled, now.AddDays(-54), now.AddDays(-40), now.AddDays(-40).AddHours(1))];
        await harness.Get<LedgerStore>().AppendChangesAsync(Keys.PairLog(programId, pairId), [.. cancelled, .. earlier], default);
    }

    private static string[] Digests(PipelineHarness harness, string programName) =>
        [.. harness.Emails().Where(e => e.Contains($"From: {programName} <", StringComparison.Ordinal) && e.Contains("X-Mentoring-Template: admin-digest", StringComparison.Ordinal))];
}
