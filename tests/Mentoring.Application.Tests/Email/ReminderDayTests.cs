using Mentoring.Application.Evaluation;
using Mentoring.Application.Ingest;
using Mentoring.Application.Outbox;
using Mentoring.Application.Queues;
using Mentoring.Application.Roster;
using Mentoring.Application.Storage;
using Mentoring.Engine.Ledger;
using Mentoring.Engine.Policy;
using Mentoring.Testing;

namespace Mentoring.Tests.Email;

/// <summary>"Today" or "tomorrow" in a pre-meeting reminder is counted from when it is actually sent, in the reader's zone.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class ReminderDayTests(AzuriteFixture azurite)
{
    // Monday 9 March 2026, 10:00 in Berlin. Its reminder falls due on Sunday, outside working days.
    private static readonly DateTimeOffset MondayTen = new(2026, 3, 9, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Reminder_DeferredOutOfSunday_ArrivesMondayMorning_SaysToday()
    {
        var sunday = MondayTen.AddDays(-1);
        await using var harness = await PipelineHarness.StartAsync(azurite, sunday);
        const string programId = "reminder-day";
        var policy = EngagementPolicy.Default with { Campaign = new CampaignPolicy { Enabled = false, PreMeetingReminders = true } };
        await harness.Get<ProgramStore>().SaveAsync(new ProgramRecord(programId, "Reminder program", "Europe/Berlin", policy, "admin@test.example"), default);
        var participants = harness.Get<ParticipantStore>();
        await participants.SaveAsync(new ParticipantRecord(programId, "ana", "Ana Lima", $"{programId}.ana@test.example", "Europe/Berlin"), default);
        await participants.SaveAsync(new ParticipantRecord(programId, "ben", "Ben Okafor", $"{programId}.ben@test.example", "Europe/Berlin"), default);
        await harness.Get<PairStore>().SaveAsync(new PairRecord(programId, "ana-ben", "ana", "ben", sunday.AddDays(-30)), default);
        LedgerChange[] ledger =
        [
            new("m1/scheduled", "m1", ChangeKind.Scheduled, sunday.AddDays(-20), sunday.AddDays(-10), sunday.AddDays(-10).AddHours(1)),
            new("m2/scheduled", "m2", ChangeKind.Scheduled, sunday.AddDays(-5), MondayTen, MondayTen.AddMinutes(30)),
        ];
        await harness.Get<LedgerStore>().AppendChangesAsync(Keys.PairLog(programId, "ana-ben"), ledger, default);

        await harness.Get<EvaluatePairHandler>().HandleAsync(new EvaluatePair("due/reminder", programId, "ana-ben"), default);
        var reminders = (await harness.Get<PairLogStore>().LoadAsync(Keys.PairLog(programId, "ana-ben"), default)).Messages;
        Assert.Equal(2, reminders.Count);
        Assert.All(reminders, r => Assert.Equal(MondayTen.AddHours(-1), r.Decision.NotBefore)); // Monday 09:00 in Berlin

        harness.Time.SetUtcNow(MondayTen.AddMinutes(-55)); // Monday 09:05 in Berlin
        foreach (var row in reminders)
            Assert.Equal(DispatchOutcome.Sent, await harness.Get<EmailDispatchHandler>().HandleAsync(new SendEmail(row.Ref.Partition, row.Ref.RowKey), default));

        var emails = harness.Emails().Where(e => e.Contains($"<{programId}.", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, emails.Count);
        Assert.All(emails, e =>
        {
            Assert.Contains("Subject: Today, 10:00: mentoring with ", e, StringComparison.Ordinal);
            Assert.Contains(" today, Monday 9 March, 10:00 (Europe/Berlin).", e, StringComparison.Ordinal);
            Assert.DoesNotContain("Tomorrow", e, StringComparison.Ordinal);
        });
    }
}
