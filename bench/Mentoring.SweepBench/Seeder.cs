using Azure.Data.Tables;
using Mentoring.Application.Evaluation;
using Mentoring.Application.Ingest;
using Mentoring.Application.Roster;
using Mentoring.Application.Storage;
using Mentoring.Engine.Ledger;

namespace Mentoring.SweepBench;

/// <summary>
/// Writes the bench's pairs with table transactions of up to 100 rows wherever rows share a partition (participants and
/// pairs: the program; due entries: their shard). Each pair's ledger is its own partition: one transaction per pair.
/// Only what an evaluation reads is written (no people index: nothing here looks a pair up by person).
/// </summary>
internal static class Seeder
{
    private const int Batch = 100;

    public static async Task SeedAsync(
        TableServiceClient tables, LedgerStore ledgerStore, string programId, int pairCount, DateTimeOffset now, ParallelOptions parallel,
        Func<string, bool>? withLedger = null)
    {
        var ids = Enumerable.Range(0, pairCount).Select(i => $"pair-{i:000000}").ToList();
        var participants = ids.SelectMany(id => new[]
        {
            ParticipantColumns.ToEntity(new ParticipantRecord(programId, id + "-a", "A", $"{id}.a@bench.example", "Europe/Berlin")),
            ParticipantColumns.ToEntity(new ParticipantRecord(programId, id + "-b", "B", $"{id}.b@bench.example", "Europe/Berlin")),
        });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await SubmitAsync(tables.GetTableClient(TableNames.Participants), participants, parallel);
        Progress(clock, $"{pairCount * 2:N0} participants");

        var due = ids.Select(id => DueIndex.EntryOf(programId, id, now.AddMinutes(-1))).ToList();
        var pairs = ids.Zip(due, (id, entry) =>
        {
            var row = PairRows.ToEntity(new PairRecord(programId, id, id + "-a", id + "-b", now.AddDays(-30)));
            PairRows.Write(row, PairSummary.None with { DueKey = entry.DueKey });
            return row;
        });
        await SubmitAsync(tables.GetTableClient(TableNames.Pairs), pairs, parallel);
        Progress(clock, $"{pairCount:N0} pairs");
        await SubmitAsync(tables.GetTableClient(TableNames.DueIndex), due.Select(d => d.Entity), parallel);
        Progress(clock, $"{pairCount:N0} due entries");
        var ledgers = 0;
        await Parallel.ForEachAsync(ids.Where(withLedger ?? (_ => true)), parallel, async (id, ct) =>
        {
            await ledgerStore.AppendChangesAsync(Keys.PairLog(programId, id),
            [
                new LedgerChange("m1", "m1", ChangeKind.Scheduled, now.AddDays(-20), now.AddDays(-5), now.AddDays(-5).AddHours(1)),
                new LedgerChange("m2", "m2", ChangeKind.Scheduled, now.AddDays(-4), now.AddDays(9), now.AddDays(9).AddHours(1)),
            ], ct);
            if (Interlocked.Increment(ref ledgers) % 5_000 == 0)
                Progress(clock, $"{ledgers:N0} ledgers");
        });
    }

    private static void Progress(System.Diagnostics.Stopwatch clock, string what) =>
        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"  {clock.Elapsed.TotalSeconds,6:F1} s: {what}"));

    private static async Task SubmitAsync(TableClient table, IEnumerable<TableEntity> rows, ParallelOptions parallel)
    {
        var batches = rows.GroupBy(r => r.PartitionKey).SelectMany(partition => partition.Chunk(Batch));
        await Parallel.ForEachAsync(batches, parallel, async (batch, ct) =>
            await table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), ct));
    }
}
