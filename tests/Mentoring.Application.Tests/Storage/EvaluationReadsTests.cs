using Azure.Data.Tables;
using Mentoring.Application.Evaluation;
using Mentoring.Application.Roster;
using Mentoring.Application.Storage;
using Mentoring.Engine.Messages;
using Mentoring.Testing;

namespace Mentoring.Tests.Storage;

[Collection(AzuriteFixture.Collection)]
public sealed class EvaluationReadsTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ProgramContextCache_ParticipantSuppressedInThisProcess_IsReadAgain()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, Now);
        await TestPrograms.SeedDriftingAsync(harness, "p-cache", 1, due: false);
        var cache = harness.Get<ProgramContextCache>();
        Assert.False((await cache.GetAsync("p-cache", default))!.Participants["pair-000-mentor"].Suppressed);

        await harness.Get<ParticipantStore>().MarkStoppedAsync("p-cache", "pair-000-mentor", EmailKinds.Ladder, default);
        Assert.Equal(EmailKinds.Ladder, (await cache.GetAsync("p-cache", default))!.Participants["pair-000-mentor"].Stopped);

        await harness.Get<ParticipantStore>().MarkStoppedAsync("p-cache", "pair-000-mentor", EmailKinds.All, default);

        Assert.True((await cache.GetAsync("p-cache", default))!.Participants["pair-000-mentor"].Suppressed);
    }

    [Fact]
    public async Task DueIndex_MoveWhenTheOldEntryIsGone_StillSchedulesAndRemovesTheRest()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, Now);
        var due = harness.Get<DueIndex>();
        var gone = await due.ScheduleAsync("p-move", "pair-1", Now.AddHours(-2), default);
        var left = await due.ScheduleAsync("p-move", "pair-1", Now.AddHours(-1), default);
        await due.RemoveAsync(gone, default);

        var moved = await due.MoveAsync("p-move", "pair-1", Now.AddDays(1), [gone, left], default);

        var shard = DueIndex.ShardOf("p-move", "pair-1");
        var rows = await harness.Get<TableServiceClient>().GetTableClient(TableNames.DueIndex)
            .QueryAllAsync(TableClient.CreateQueryFilter($"PartitionKey eq {shard} and ProgramId eq {"p-move"}"), default);
        Assert.Equal([moved], rows.Select(r => r.PartitionKey + "|" + r.RowKey));
    }
}
