using Azure.Data.Tables;
using Mentoring.Application.Evaluation;
using Mentoring.Application.Ingest;
using Mentoring.Application.Storage;
using Mentoring.Testing;

namespace Mentoring.Tests.Storage;

[Collection(AzuriteFixture.Collection)]
public sealed class TableStorageTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task UpdateAsync_StaleETag_IsRetriedAndKeepsBothWrites()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, Now);
        await TestPrograms.SeedPairAsync(harness, "p-etag", "pair-1", Now, due: false);
        var pairs = harness.Get<TableServiceClient>().GetTableClient(TableNames.Pairs);
        var attempts = 0;

        await pairs.UpdateAsync(Keys.Encode("p-etag"), Keys.Encode("pair-1"), e =>
        {
            if (++attempts == 1)
            {
                // Another writer gets in between our read and our write: our ETag is now stale.
                pairs.UpdateAsync(Keys.Encode("p-etag"), Keys.Encode("pair-1"), other => { other["Other"] = "theirs"; return true; }, default).GetAwaiter().GetResult();
            }

            e["Mine"] = "ours";
            return true;
        }, default);

        var row = (await harness.Get<TableServiceClient>().GetTableClient(TableNames.Pairs)
            .GetEntityAsync<TableEntity>(Keys.Encode("p-etag"), Keys.Encode("pair-1"))).Value;
        Assert.Equal(2, attempts);
        Assert.Equal("ours", row.GetString("Mine"));
        Assert.Equal("theirs", row.GetString("Other"));
    }

    [Fact]
    public async Task AppendChanges_SameChangesTwice_AddsThemOnce()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, Now);
        await TestPrograms.SeedPairAsync(harness, "p-ledger", "pair-1", Now, due: false);
        var logs = harness.Get<PairLogStore>();
        var partition = Keys.PairLog("p-ledger", "pair-1");
        var before = (await logs.LoadAsync(partition, default)).Ledger;

        var added = await harness.Get<LedgerStore>().AppendChangesAsync(partition, before, default);

        Assert.Equal(0, added);
        Assert.Equal(before.Count, (await logs.LoadAsync(partition, default)).Ledger.Count);
    }

    [Fact]
    public async Task DueIndex_ReadDue_ReturnsOnlyEntriesAtOrBeforeNow()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, Now);
        var due = harness.Get<DueIndex>();
        await due.ScheduleAsync("p-due", "early", Now.AddHours(-1), default);
        await due.ScheduleAsync("p-due", "exact", Now, default);
        await due.ScheduleAsync("p-due", "late", Now.AddTicks(1), default);

        var found = new List<string>();
        await foreach (var page in due.ReadDueAsync(Now, default))
            found.AddRange(page.Where(e => e.ProgramId == "p-due").Select(e => e.PairId));

        Assert.Equal(["early", "exact"], found.Order(StringComparer.Ordinal));
    }
}
