using Azure.Data.Tables;
using Mentoring.Application.Evaluation;

namespace Mentoring.Application.Storage;

/// <summary>
/// One partition per pair in table <c>pairlogs</c> (PK = program~pair) holds four kinds of row, each owned by its stage:
/// the evaluation state ("state", <c>Evaluation/</c>), the ledger ("chg~{change id}", <c>Ingest/</c>), decided messages
/// ("msg~{idempotency key}": outbox and history in one row, <c>Outbox/</c>) and integration events not yet published
/// ("evt~{event id}", <c>Integration/</c>). One partition is one transaction scope: an evaluation commits its state, its
/// messages and its events together (<see cref="PairLogStore"/>).
/// </summary>
internal static class PairPartition
{
    /// <summary>The most actions one Table Storage transaction takes.</summary>
    public const int MaxTransactionSize = 100;
    public const string ChangePrefix = "chg~";
    public const string MessagePrefix = "msg~";
    public const string EventPrefix = "evt~";

    /// <summary>The rows of one kind in a partition: RowKey in [prefix, prefix with its last character + 1).</summary>
    public static string RowsOf(string partition, string prefix) => TableClient.CreateQueryFilter(
        $"PartitionKey eq {partition} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + (char)(prefix[^1] + 1)}");
}
