using Azure.Data.Tables;

namespace Mentoring.Application.Storage;

/// <summary>
/// One insert-if-absent row per unit of work done (a webhook delivery, a calendar-change message): table <c>dedupe</c>,
/// PK = scope, RK = the encoded id. 409 on insert means it was already done.
/// </summary>
internal sealed class DedupeStore(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(TableNames.Dedupe);

    public async Task<bool> IsDoneAsync(string scope, string id, CancellationToken ct)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Keys.Encode(scope), Keys.Encode(id), ["PartitionKey"], ct);
        return row.HasValue;
    }

    /// <summary>Records the work as done; false when it already was.</summary>
    public Task<bool> TryMarkDoneAsync(string scope, string id, DateTimeOffset now, CancellationToken ct) =>
        _table.TryAddAsync(new TableEntity(Keys.Encode(scope), Keys.Encode(id)) { ["DoneAt"] = now }, ct);
}
