using Mentoring.Application.Evaluation;
using Mentoring.Application.Ingest;
using Mentoring.Application.Roster;
using Mentoring.Application.Storage;
using Mentoring.Engine.Ledger;
using Mentoring.Engine.Policy;
using Mentoring.Testing;

namespace Mentoring.Tests.Engagement;

/// <summary>The program crunch, whichever way an evaluation comes: a sweep, or the calendar changes a crunch produces.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class CrunchTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task CalendarChanges_SecondOfSixPairsCancelsLate_NoNudge_TheFirstGotOne()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, Now);
        var programId = "crunch-" + Guid.NewGuid().ToString("N")[..8];
        var policy = EngagementPolicy.Default with { Sending = new SendingPolicy { IgnoreQuietHours = true } };
        await harness.Get<ProgramStore>().SaveAsync(new ProgramRecord(programId, "Crunch program", "Europe/Berlin", policy, "admin@test.example"), default);
        for (var i = 0; i < 6; i++)
            await SeedBookedPairAsync(harness, programId, $"pair-{i}");
        await harness.Get<SweepHandler>().RunAsync(default);
        await harness.DrainAsync();
        Assert.Empty(Mine(harness, programId)); // six healthy pairs, each with a meeting in ten hours

        // One pair cancels late: one of six is no crunch, its mentee is nudged. A second one: two of six (33 %) is.
        await CancelLateAsync(harness, programId, "pair-0");
        await CancelLateAsync(harness, programId, "pair-1");

        Assert.Contains(Mine(harness, programId), e => e.Contains($"<{programId}.pair-0.mentee@test.example>", StringComparison.Ordinal));
        Assert.DoesNotContain(Mine(harness, programId), e => e.Contains($"{programId}.pair-1.", StringComparison.Ordinal));

        // The next sweep sees the crunch too: still no nudge for pair-1; the admin hears of the season instead.
        harness.Time.Advance(TimeSpan.FromHours(2));
        await harness.Get<SweepHandler>().RunAsync(default);
        await harness.DrainAsync();
        Assert.DoesNotContain(Mine(harness, programId), e => e.Contains($"{programId}.pair-1.", StringComparison.Ordinal));
        Assert.Contains(Mine(harness, programId), e => e.Contains("X-Mentoring-Template: program-crunch", StringComparison.Ordinal)
            || e.Contains("/crunch/", StringComparison.Ordinal));
    }

    private static async Task SeedBookedPairAsync(PipelineHarness harness, string programId, string pairId)
    {
        await TestPrograms.SeedPairAsync(harness, programId, pairId, Now, due: true);
        LedgerChange[] held = [
            new("m3/scheduled", "m3", ChangeKind.Scheduled, Now.AddDays(-10), Now.AddDays(-5), Now.AddDays(-5).AddHours(1)),
            new("m4/scheduled", "m4", ChangeKind.Scheduled, Now.AddDays(-4), Now.AddHours(10), Now.AddHours(11)),
        ];
        await harness.Get<LedgerStore>().AppendChangesAsync(Keys.PairLog(programId, pairId), held, default);
    }

    private static async Task CancelLateAsync(PipelineHarness harness, string programId, string pairId)
    {
        var now = harness.Time.GetUtcNow();
        LedgerChange[] cancelled = [new($"m4/cancelled/{pairId}", "m4", ChangeKind.Cancelled, now, Now.AddHours(10), Now.AddHours(11), ChangedBy: Party.Mentee)];
        await harness.Get<CalendarChangeHandler>().HandleAsync(new CalendarChanges("test/" + programId + "/" + pairId, programId, pairId, cancelled), default);
        await harness.DrainAsync();
    }

    private static string[] Mine(PipelineHarness harness, string programId) =>
        [.. harness.Emails().Where(e => e.Contains(programId, StringComparison.Ordinal))];
}
