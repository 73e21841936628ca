using System.Net;
using Azure;
using Azure.Data.Tables;

namespace Mentoring.Application.Storage;

/// <summary>The write patterns every store uses: insert-if-absent, and read-modify-write under If-Match with retry on 412.</summary>
internal static class TableWrites
{
    public const int MaxConcurrencyRetries = 8;

    /// <summary>Marks a row with the insert that wrote it, so a 409 caused by our own retried insert is told apart.</summary>
    private const string InsertIdProperty = "InsertId";

    /// <summary>
    /// Adds the row unless it exists. False when it already did (409): the work was already done — unless the row is
    /// our own: when an insert's response is lost (a timeout) the SDK retries it and gets 409 for the row it just wrote,
    /// which must count as done by us, not as a duplicate (else the delivery that wrote it is dropped).
    /// </summary>
    public static async Task<bool> TryAddAsync(this TableClient table, ITableEntity entity, CancellationToken ct)
    {
        var insertId = entity is TableEntity row ? (row[InsertIdProperty] = Guid.NewGuid().ToString("N")) as string : null;
        try
        {
            await table.AddEntityAsync(entity, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
        {
            if (insertId is null)
                return false;
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(entity.PartitionKey, entity.RowKey, [InsertIdProperty], ct);
            return existing.HasValue && existing.Value?.GetString(InsertIdProperty) == insertId;
        }
    }

    /// <summary>
    /// Reads a row, lets <paramref name="change"/> edit it, and writes it back with If-Match on the ETag it read; on 412
    /// (someone wrote in between) reads again and reapplies. <paramref name="change"/> returns false to write nothing.
    /// Returns the entity as written, or null when the row does not exist.
    /// </summary>
    public static async Task<TableEntity?> UpdateAsync(
        this TableClient table, string partitionKey, string rowKey, Func<TableEntity, bool> change, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var read = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: ct);
            if (!read.HasValue || read.Value is not { } entity)
                return null;
            if (!change(entity))
                return entity;
            try
            {
                var written = await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, ct);
                entity.ETag = written.Headers.ETag ?? entity.ETag;
                return entity;
            }
            catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.PreconditionFailed && attempt < MaxConcurrencyRetries)
            {
                // Someone else wrote this row since we read it: read it again and reapply the change.
            }
        }
    }

    public static bool IsConcurrencyConflict(this RequestFailedException e) =>
        e.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.Conflict;

    public static async Task<List<TableEntity>> QueryAllAsync(this TableClient table, string filter, CancellationToken ct)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: ct))
            rows.Add(row);
        return rows;
    }

    /// <summary>
    /// One page of an admin listing: up to <paramref name="size"/> rows in key order, and whether more remain (one row
    /// past the page is read to know, then dropped).
    /// </summary>
    public static async Task<(List<TableEntity> Rows, bool More)> QueryPageAsync(
        this TableClient table, string filter, int size, IEnumerable<string>? select, CancellationToken ct)
    {
        var rows = new List<TableEntity>(size + 1);
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(size + 1, 1000), select: select, cancellationToken: ct))
        {
            rows.Add(row);
            if (rows.Count > size)
                break;
        }

        var more = rows.Count > size;
        if (more)
            rows.RemoveAt(size);
        return (rows, more);
    }
}
