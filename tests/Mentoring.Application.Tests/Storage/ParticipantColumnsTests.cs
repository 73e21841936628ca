using Azure.Data.Tables;
using Mentoring.Application.Admin.Participants;
using Mentoring.Application.Roster;
using Mentoring.Application.Storage;
using Mentoring.Testing;

namespace Mentoring.Tests.Storage;

[Collection(AzuriteFixture.Collection)]
public sealed class ParticipantColumnsTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 10, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// A row without a name, an address or a time zone (written by hand, or before those columns were required) reads
    /// the same in the pipeline as in the admin API: empty name and address, UTC. The pipeline used to read nulls.
    /// </summary>
    [Fact]
    public async Task RowMissingNameAddressAndZone_ReadsEmptyAndUtc_InTheStoreAndTheAdminApi()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, Now);
        var table = harness.Get<TableServiceClient>().GetTableClient(TableNames.Participants);
        await table.CreateIfNotExistsAsync();
        var row = new TableEntity(Keys.Encode("p-bare"), Keys.Encode("ana")) { ["ProgramId"] = "p-bare", ["ParticipantId"] = "ana" };
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace);

        var stored = await harness.Get<ParticipantStore>().GetAsync("p-bare", "ana", default);
        var listed = Assert.Single(await harness.Get<ParticipantStore>().ListAsync("p-bare", default));
        var admin = ParticipantRows.ToParticipant((await table.GetEntityAsync<TableEntity>(row.PartitionKey, row.RowKey)).Value);

        Assert.NotNull(stored);
        Assert.Equal(("", "", "UTC"), (stored.DisplayName, stored.Email, stored.TimeZoneId));
        Assert.Equal(stored, listed);
        Assert.Equal(("", "", "UTC"), (admin.Name, admin.Email, admin.TimeZone));
    }
}
