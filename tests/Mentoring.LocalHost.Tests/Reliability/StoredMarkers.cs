using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Mentoring.Tests.Reliability;

/// <summary>
/// Fuzz inputs carry a marker (<c>zq{n}zq</c>) in their ids, names and reasons; afterwards every table row and every
/// queue message is searched for markers, so a row written by a refused input shows up by its number.
/// </summary>
internal static partial class StoredMarkers
{
    public static string Of(int n) => $"zq{n}zq";

    public static async Task<HashSet<int>> FindAsync(TableServiceClient tables, QueueServiceClient queues)
    {
        var found = new HashSet<int>();
        void Scan(string? text)
        {
            if (text is null)
                return;
            foreach (Match match in Marker().Matches(text))
                found.Add(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        }

        await foreach (var table in tables.QueryAsync())
        {
            await foreach (var row in tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                Scan(row.PartitionKey);
                Scan(row.RowKey);
                foreach (var value in row.Select(p => p.Value))
                    Scan(value?.ToString());
            }
        }

        await foreach (var queue in queues.GetQueuesAsync())
        {
            var client = queues.GetQueueClient(queue.Name);
            foreach (var message in (await client.PeekMessagesAsync(32)).Value)
                Scan(message.Body.ToString());
        }

        return found;
    }

    [GeneratedRegex(@"zq(\d+)zq")]
    private static partial Regex Marker();
}
