using Azure.Data.Tables;
using Azure.Storage.Queues;
using Mentoring.Application.Evaluation;
using Mentoring.Application.Ingest;
using Mentoring.Application.Outbox;
using Mentoring.Application.Queues;
using Mentoring.Application.Roster;
using Mentoring.Application.Storage;
using Mentoring.Engine.Ledger;
using Mentoring.Testing;

namespace Mentoring.Tests.Engagement;

/// <summary>Exactly-once effects under at-least-once delivery, against Azurite.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class PipelineTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Sweep_TwoConcurrentSweepsAndPumps_SendEachEmailOnce()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, Now);
        var pairs = await TestPrograms.SeedDriftingAsync(harness, "p-sweep", 12);
        var sweep = harness.Get<SweepHandler>();

        await Task.WhenAll(sweep.RunAsync(default), sweep.RunAsync(default));
        await harness.DrainAsync(pumps: 2);

        var emails = Mine(harness, "p-sweep");
        Assert.Equal(pairs.Count * 2, emails.Length); // a nudge to each side of each drifting pair
        Assert.Equal(emails.Length, emails.Select(IdempotencyKeyOf).Distinct().Count());
    }

    [Fact]
    public async Task EvaluatePair_DuplicateDelivery_ChangesNothing()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, Now);
        await TestPrograms.SeedDriftingAsync(harness, "p-dup-eval", 1);
        var message = new EvaluatePair("due/test-1", "p-dup-eval", "pair-000");
        var handler = harness.Get<EvaluatePairHandler>();

        Assert.Equal(EvaluationOutcome.Evaluated, await handler.HandleAsync(message, default));
        await harness.DrainAsync();
        var before = await SnapshotAsync(harness, "p-dup-eval", "pair-000");
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(EvaluationOutcome.Duplicate, await handler.HandleAsync(message, default));
        await harness.DrainAsync();

        Assert.Equal(before, await SnapshotAsync(harness, "p-dup-eval", "pair-000"));
        Assert.Equal(2, Mine(harness, "p-dup-eval").Length);
    }

    [Fact]
    public async Task EvaluatePair_SweptAgainWhileStillQueued_EvaluatesOnceAndSkipsTheRepeat()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, Now);
        var pairs = await TestPrograms.SeedDriftingAsync(harness, "p-swept-again", 3);
        var sweep = harness.Get<SweepHandler>();
        await sweep.RunAsync(default);
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        await sweep.RunAsync(default); // a backlog outlived the sweep's interval: the entries were still there

        var outcomes = await HandleQueuedEvaluationsAsync(harness);

        Assert.Equal(pairs.Count, outcomes.Count(o => o == EvaluationOutcome.Evaluated));
        Assert.Equal(pairs.Count, outcomes.Count(o => o == EvaluationOutcome.Superseded));
        var entries = await DueEntriesAsync(harness, "p-swept-again");
        Assert.Equal(pairs.Order(StringComparer.Ordinal), entries.Select(e => e.PairId).Order(StringComparer.Ordinal));
        Assert.All(entries, e => Assert.True(e.DueAt > harness.Time.GetUtcNow()));
        await harness.DrainAsync();
        Assert.Equal(pairs.Count * 2, Mine(harness, "p-swept-again").Length);
    }

    [Fact]
    public async Task EvaluatePair_EntryTheRowDoesNotNameButDueSinceTheLastEvaluation_IsEvaluated()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, Now);
        await TestPrograms.SeedDriftingAsync(harness, "p-orphan-entry", 1, due: false);
        var handler = harness.Get<EvaluatePairHandler>();
        Assert.Equal(EvaluationOutcome.Evaluated, await handler.HandleAsync(new EvaluatePair("change/1", "p-orphan-entry", "pair-000"), default));
        // What a crash between the due move and the summary write leaves: an entry the pair's row does not name, due
        // after the pair's last evaluation. It must be evaluated, not taken for a repeat.
        var orphan = await harness.Get<DueIndex>().ScheduleAsync("p-orphan-entry", "pair-000", Now.AddHours(1), default);
        harness.Time.Advance(TimeSpan.FromHours(2));

        var outcome = await handler.HandleAsync(new EvaluatePair("due/" + orphan, "p-orphan-entry", "pair-000", orphan), default);

        Assert.Equal(EvaluationOutcome.Evaluated, outcome);
        var summary = (await harness.Get<PairStore>().GetWithETagAsync("p-orphan-entry", "pair-000", default))!.Value.Summary;
        Assert.Equal(harness.Time.GetUtcNow(), summary.EvaluatedAt);
        var entry = Assert.Single(await DueEntriesAsync(harness, "p-orphan-entry"));
        Assert.Equal(summary.DueKey, entry.DueKey);
    }

    [Fact]
    public async Task CalendarChanges_DuplicateDelivery_ChangesNothing()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, Now);
        await TestPrograms.SeedPairAsync(harness, "p-dup-cal", "pair-1", Now, due: false);
        var message = new CalendarChanges("delivery-1", "p-dup-cal", "pair-1",
        [
            new LedgerChange("m3/scheduled", "m3", ChangeKind.Scheduled, Now.AddHours(-1), Now.AddDays(3), Now.AddDays(3).AddHours(1)),
        ]);
        var handler = harness.Get<CalendarChangeHandler>();

        Assert.Equal(CalendarChangeOutcome.Appended, await handler.HandleAsync(message, default));
        await harness.DrainAsync();
        var before = await SnapshotAsync(harness, "p-dup-cal", "pair-1");
        Assert.Equal(CalendarChangeOutcome.Duplicate, await handler.HandleAsync(message, default));

        Assert.Equal(0, await harness.CountAsync(QueueNames.PairEvaluations));
        Assert.Equal(before, await SnapshotAsync(harness, "p-dup-cal", "pair-1"));
        Assert.Contains(before, row => row.Contains("chg~m3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OutboundEmail_DuplicateDelivery_SendsOnce()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, Now);
        await TestPrograms.SeedDriftingAsync(harness, "p-dup-mail", 1);
        await harness.Get<EvaluatePairHandler>().HandleAsync(new EvaluatePair("due/mail", "p-dup-mail", "pair-000"), default);
        var queue = harness.Get<QueueServiceClient>().GetQueueClient(QueueNames.OutboundEmail);
        var sends = (await queue.ReceiveMessagesAsync(32)).Value;
        var dispatcher = harness.Get<EmailDispatchHandler>();

        foreach (var send in sends.Concat(sends))
        {
            Assert.True(QueueJson.TryParse<SendEmail>(send.Body.ToString(), out var message, out _));
            await dispatcher.HandleAsync(message, default);
        }

        Assert.Equal(2, sends.Length);
        Assert.Equal(2, Mine(harness, "p-dup-mail").Length);
        Assert.Equal(DispatchOutcome.AlreadySent, await dispatcher.HandleAsync(QueueJson.TryParse<SendEmail>(sends[0].Body.ToString(), out var again, out _) ? again : null!, default));
    }

    [Fact]
    public async Task OutboundEmail_BeforeNotBefore_IsDeferredNotSent()
    {
        var saturdayNight = new DateTimeOffset(2026, 3, 7, 22, 0, 0, TimeSpan.Zero);
        await using var harness = await PipelineHarness.StartAsync(azurite, saturdayNight);
        await TestPrograms.SeedDriftingAsync(harness, "p-early", 1, ignoreQuietHours: false);
        await harness.Get<EvaluatePairHandler>().HandleAsync(new EvaluatePair("due/early", "p-early", "pair-000"), default);
        var row = (await harness.Get<PairLogStore>().LoadAsync(Keys.PairLog("p-early", "pair-000"), default)).Messages[0];
        Assert.True(row.Decision.NotBefore > saturdayNight); // quiet hours: Monday morning in the recipient's zone

        var outcome = await harness.Get<EmailDispatchHandler>().HandleAsync(new SendEmail(row.Ref.Partition, row.Ref.RowKey), default);

        Assert.Equal(DispatchOutcome.Deferred, outcome);
        Assert.Empty(Mine(harness, "p-early"));
        // The evaluation's two sends (invisible until Monday) and the deferred one, put back invisible too.
        Assert.Equal(3, await harness.CountAsync(QueueNames.OutboundEmail));
    }

    [Fact]
    public async Task EvaluatePair_PairDeletedWhileQueued_IsSkipped()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, Now);
        await TestPrograms.SeedDriftingAsync(harness, "p-gone", 1);
        await harness.Get<PairStore>().DeleteAsync("p-gone", "pair-000", default);

        var outcome = await harness.Get<EvaluatePairHandler>().HandleAsync(new EvaluatePair("due/gone", "p-gone", "pair-000"), default);

        Assert.Equal(EvaluationOutcome.PairGone, outcome);
        Assert.Equal(0, await harness.CountAsync(QueueNames.OutboundEmail));
    }

    [Fact]
    public async Task QueueInvocation_UnparseableBody_GoesStraightToPoison()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, Now);
        var handled = false;

        await harness.Get<QueueInvocation>().RunAsync<EvaluatePair>(
            QueueNames.PairEvaluations, "m-1", "{not json", (_, _) => { handled = true; return Task.CompletedTask; }, default);

        Assert.False(handled);
        Assert.Equal(1, await harness.CountAsync(QueueNames.PoisonOf(QueueNames.PairEvaluations)));
    }

    [Fact]
    public async Task QueueInvocation_BodyMissingARequiredField_GoesStraightToPoison_NotToTheHandler()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, Now);
        var handled = false;

        await harness.Get<QueueInvocation>().RunAsync<EvaluatePair>(
            QueueNames.PairEvaluations, "m-2", "{\"evaluationId\":\"e-2\",\"pairId\":\"pair-000\"}", (_, _) => { handled = true; return Task.CompletedTask; }, default);

        Assert.False(handled);
        Assert.Equal(1, await harness.CountAsync(QueueNames.PoisonOf(QueueNames.PairEvaluations)));
    }

    /// <summary>Runs what is queued on <c>pair-evaluations</c> one message at a time, in queue order.</summary>
    private static async Task<List<EvaluationOutcome>> HandleQueuedEvaluationsAsync(PipelineHarness harness)
    {
        var queue = harness.Get<QueueServiceClient>().GetQueueClient(QueueNames.PairEvaluations);
        var handler = harness.Get<EvaluatePairHandler>();
        var outcomes = new List<EvaluationOutcome>();
        while ((await queue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(5))).Value is [var message])
        {
            Assert.True(QueueJson.TryParse<EvaluatePair>(message.Body.ToString(), out var evaluation, out _));
            outcomes.Add(await handler.HandleAsync(evaluation!, default));
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }

        return outcomes;
    }

    private static async Task<List<DueEntry>> DueEntriesAsync(PipelineHarness harness, string programId)
    {
        var entries = new List<DueEntry>();
        await foreach (var page in harness.Get<DueIndex>().ReadDueAsync(DateTimeOffset.MaxValue.AddYears(-1), default))
            entries.AddRange(page.Where(e => e.ProgramId == programId));
        return entries;
    }

    private static string[] Mine(PipelineHarness harness, string programId) =>
        [.. harness.Emails().Where(e => e.Contains($"<{programId}.", StringComparison.Ordinal))];

    private static string IdempotencyKeyOf(string eml) =>
        eml.Split("\r\n").Single(l => l.StartsWith("X-Mentoring-Idempotency-Key:", StringComparison.Ordinal));

    /// <summary>Every row of the pair (its pair row and its whole partition), as text: what "changed nothing" compares.</summary>
    private static async Task<List<string>> SnapshotAsync(PipelineHarness harness, string programId, string pairId)
    {
        var tables = harness.Get<TableServiceClient>();
        var rows = new List<string>();
        var pair = await tables.GetTableClient(TableNames.Pairs).GetEntityAsync<TableEntity>(Keys.Encode(programId), Keys.Encode(pairId));
        rows.Add(Describe(pair.Value));
        await foreach (var row in tables.GetTableClient(TableNames.PairLogs).QueryAsync<TableEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {Keys.PairLog(programId, pairId)}")))
            rows.Add(Describe(row));
        return rows;
    }

    private static string Describe(TableEntity e) =>
        e.RowKey + " " + e.ETag + " " + string.Join(";", e.Keys.Order(StringComparer.Ordinal).Select(k => k + "=" + e[k]));
}
