using System.Net;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Mentoring.Application.Storage;

namespace Mentoring.Application.Integration;

/// <summary>
/// Integration events decided by an evaluation and not yet published: one row per event ("evt~{event id}") in the pair's
/// partition, written with the evaluation and removed once published.
/// </summary>
internal sealed class PendingEventStore(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(TableNames.PairLogs);

    public async Task DeleteEventAsync(string partition, string eventId, CancellationToken ct)
    {
        try
        {
            await _table.DeleteEntityAsync(partition, PairPartition.EventPrefix + Keys.Encode(eventId), ETag.All, ct);
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
            // Published and removed by a concurrent run.
        }
    }
}

/// <summary>A pending integration event as a row.</summary>
internal static class PendingEventRows
{
    public static TableEntity ToEntity(string partition, IntegrationEvent e) => new(partition, PairPartition.EventPrefix + Keys.Encode(e.EventId))
    {
        ["Type"] = e.Type,
        ["Event"] = JsonSerializer.Serialize(e, StorageJson.Options),
    };

    public static IntegrationEvent ToEvent(TableEntity e) => JsonSerializer.Deserialize<IntegrationEvent>(e.GetString("Event"), StorageJson.Options)!;
}
