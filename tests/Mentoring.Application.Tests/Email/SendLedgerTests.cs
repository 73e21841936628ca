using Mentoring.Application.Evaluation;
using Mentoring.Application.Ingest;
using Mentoring.Application.Outbox;
using Mentoring.Application.Queues;
using Mentoring.Application.Roster;
using Mentoring.Application.Storage;
using Mentoring.Engine.Ledger;
using Mentoring.Engine.Messages;
using Mentoring.Engine.Policy;
using Mentoring.Engine.Sending;
using Mentoring.Testing;

namespace Mentoring.Tests.Email;

/// <summary>The weekly cap's one home across programs: the person's send ledger, claimed under If-Match against Azurite.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class SendLedgerTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 10, 0, 0, TimeSpan.Zero); // a Wednesday
    private static readonly SendingPolicy AnyHour = new() { IgnoreQuietHours = true };
    /// <summary>The send rules on a nudge decided for <paramref name="now"/>, given the person's other capped emails.</summary>
    private static SendVerdict Judge(IReadOnlyList<DateTimeOffset> sends, DateTimeOffset now) => SendRules.Check(
        new("key", TemplateIds.Nudge, new Recipient(RecipientKind.Mentor, "maya"), now, now, "why", new Dictionary<string, string>(), "ep", Step: 0),
        new SendFacts(true, "ep", EmailKinds.None, TimeZoneInfo.Utc, sends),
        AnyHour,
        now);

    private static string Address() => $"maya.{Guid.NewGuid():N}@cap.example";

    [Fact]
    public async Task Claim_TwentyDispatchersAtOnceForOnePerson_ExactlyTheCapGo_TheRestBookedAWeekApartEach()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, Now);
        var ledger = harness.Get<SendLedger>();
        var maya = Address();

        var verdicts = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            ledger.ClaimAsync(i % 2 == 0 ? maya : "  " + maya.ToUpperInvariant(), $"claim-{i}", Now, sends => Judge(sends, Now), default))));

        Assert.Equal(2, verdicts.Count(v => v.Kind == SendVerdictKind.Go));
        Assert.All(verdicts.Where(v => v.Kind != SendVerdictKind.Go), v => Assert.Equal(SendVerdictKind.Defer, v.Kind));
        var places = await ledger.PlacesAsync(maya, default);
        Assert.Equal(20, places.Count);
        foreach (var week in Enumerable.Range(0, 10))
            Assert.Equal(2, places.Count(p => p == Now.AddDays(7 * week)));
    }

    [Fact]
    public async Task Claim_TheSameEmailAgain_KeepsItsPlace_AndIsNotCountedTwice()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, Now);
        var ledger = harness.Get<SendLedger>();
        var maya = Address();

        var booked = await ledger.ClaimAsync(maya, "a", Now, sends => Judge(sends, Now), default);
        var again = await ledger.ClaimAsync(maya, "a", Now, sends => Judge(sends, Now), default);
        var second = await ledger.ClaimAsync(maya, "b", Now, sends => Judge(sends, Now), default);

        Assert.Equal([SendVerdictKind.Go, SendVerdictKind.Go, SendVerdictKind.Go], new[] { booked.Kind, again.Kind, second.Kind });
        Assert.Equal(2, (await ledger.PlacesAsync(maya, default)).Count);
    }

    [Fact]
    public async Task Claim_ADeferredEmailComesBack_GoesOnItsBookedPlace_AheadOfOneDeferredAfterIt()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, Now);
        var ledger = harness.Get<SendLedger>();
        var maya = Address();
        foreach (var claim in new[] { "a", "b" })
            await ledger.ClaimAsync(maya, claim, Now, sends => Judge(sends, Now), default);

        var third = await ledger.ClaimAsync(maya, "c", Now, sends => Judge(sends, Now), default);
        var later = Now.AddDays(3);
        var newcomer = await ledger.ClaimAsync(maya, "d", later, sends => Judge(sends, later), default);
        var back = await ledger.ClaimAsync(maya, "c", third.At, sends => Judge(sends, third.At), default);

        Assert.Equal(new SendVerdict(SendVerdictKind.Defer, Now.AddDays(7)), third);
        Assert.Equal(SendVerdictKind.Defer, newcomer.Kind);
        Assert.Equal(Now.AddDays(7), newcomer.At); // the second place of the week that opens then
        Assert.Equal(new SendVerdict(SendVerdictKind.Go, Now.AddDays(7)), back);
    }

    /// <summary>
    /// Two nudges booked for next week, then two value reminders decided next week booked a week after them: the nudges
    /// wake three hours late (a busy queue) and still go then, rather than a week later behind the value reminders.
    /// </summary>
    [Fact]
    public async Task Claim_ADeferredEmailWakesLate_KeepsItsTurn_AheadOfThoseBookedAfterIt()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, Now);
        var ledger = harness.Get<SendLedger>();
        var maya = Address();
        var week = Now.AddDays(7);
        foreach (var claim in new[] { "a", "b", "nudge-1", "nudge-2" })
            await ledger.ClaimAsync(maya, claim, Now, sends => Judge(sends, Now), default);
        var reminders = new List<SendVerdict>();
        foreach (var claim in new[] { "reminder-1", "reminder-2" })
            reminders.Add(await ledger.ClaimAsync(maya, claim, week, sends => Judge(sends, week), default));

        var late = week.AddHours(3);
        var nudges = new List<SendVerdict>();
        foreach (var claim in new[] { "nudge-1", "nudge-2" })
            nudges.Add(await ledger.ClaimAsync(maya, claim, late, sends => Judge(sends, late), default));

        Assert.All(reminders, r => Assert.Equal(new SendVerdict(SendVerdictKind.Defer, Now.AddDays(14)), r));
        Assert.All(nudges, n => Assert.Equal(new SendVerdict(SendVerdictKind.Go, late), n));
    }

    [Fact]
    public async Task Claim_CancelledEmail_GivesItsPlaceBack_AndOldPlacesAreDropped()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, Now);
        var ledger = harness.Get<SendLedger>();
        var maya = Address();
        await ledger.ClaimAsync(maya, "old", Now.AddDays(-8), sends => Judge(sends, Now.AddDays(-8)), default);
        await ledger.ClaimAsync(maya, "a", Now, sends => Judge(sends, Now), default);

        var cancelled = await ledger.ClaimAsync(maya, "a", Now, _ => new SendVerdict(SendVerdictKind.Cancel, Reason: "episode-closed"), default);

        Assert.Equal(SendVerdictKind.Cancel, cancelled.Kind);
        Assert.Empty(await ledger.PlacesAsync(maya, default));
    }

    /// <summary>
    /// Failed before the ledger: the dispatcher counted one program's outbox rows, read before any racing dispatcher wrote
    /// its own, so Maya's four nudges of two programs all went at once.
    /// </summary>
    [Fact]
    public async Task Dispatch_OnePersonsNudgesInTwoPrograms_RacingDispatchers_SendOnlyTheCap_AndDeferTheRest()
    {
        await using var harness = await PipelineHarness.StartAsync(azurite, Now);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var maya = $"maya.{suffix}@cap.example";
        var rows = new List<OutboxRef>();
        foreach (var (program, address) in new[] { ($"cap-a-{suffix}", maya), ($"cap-b-{suffix}", maya.ToUpperInvariant()) })
        {
            await SeedMayasPairsAsync(harness, program, address);
            foreach (var pair in new[] { "pair-1", "pair-2" })
            {
                await harness.Get<EvaluatePairHandler>().HandleAsync(new EvaluatePair($"due/{program}/{pair}", program, pair), default);
                rows.AddRange((await harness.Get<PairLogStore>().LoadAsync(Keys.PairLog(program, pair), default)).Messages
                    .Where(m => m.Decision.Recipient.Kind == RecipientKind.Mentor && TemplateIds.IsCapped(m.Decision.TemplateId)).Select(m => m.Ref));
            }
        }

        Assert.Equal(4, rows.Count);
        var dispatcher = harness.Get<EmailDispatchHandler>();
        var outcomes = await Task.WhenAll(rows.Select(r => Task.Run(() => dispatcher.HandleAsync(new SendEmail(r.Partition, r.RowKey), default))));

        Assert.Equal(2, outcomes.Count(o => o == DispatchOutcome.Sent));
        Assert.Equal(2, outcomes.Count(o => o == DispatchOutcome.Deferred));
        Assert.Equal(2, harness.Emails().Count(e => e.Contains(maya, StringComparison.OrdinalIgnoreCase) && e.Contains("X-Mentoring-Template: ladder-nudge", StringComparison.Ordinal)));
        Assert.Equal([Now, Now, Now.AddDays(7), Now.AddDays(7)], await harness.Get<SendLedger>().PlacesAsync(maya, default));
    }

    /// <summary>Maya mentors both pairs of the program; neither has met for 25 days nor booked: each wants to nudge her now.</summary>
    private static async Task SeedMayasPairsAsync(PipelineHarness harness, string programId, string mayasAddress)
    {
        var policy = EngagementPolicy.Default with { Sending = AnyHour };
        await harness.Get<ProgramStore>().SaveAsync(new ProgramRecord(programId, "Cap program", "Europe/Berlin", policy, "admin@test.example"), default);
        var participants = harness.Get<ParticipantStore>();
        await participants.SaveAsync(new ParticipantRecord(programId, "maya", "Maya Lind", mayasAddress, "Europe/Berlin"), default);
        foreach (var pair in new[] { "pair-1", "pair-2" })
        {
            await participants.SaveAsync(new ParticipantRecord(programId, pair + "-mentee", "Mentee", $"{programId}.{pair}.mentee@test.example", "Europe/Berlin"), default);
            await harness.Get<PairStore>().SaveAsync(new PairRecord(programId, pair, "maya", pair + "-mentee", Now.AddDays(-60)), default);
            LedgerChange[] ledger =
            [
                new("m1/scheduled", "m1", ChangeKind.Scheduled, Now.AddDays(-55), Now.AddDays(-50), Now.AddDays(-50).AddHours(1)),
                new("m2/scheduled", "m2", ChangeKind.Scheduled, Now.AddDays(-40), Now.AddDays(-25), Now.AddDays(-25).AddHours(1)),
            ];
            await harness.Get<LedgerStore>().AppendChangesAsync(Keys.PairLog(programId, pair), ledger, default);
        }
    }
}
