using Mentoring.Application.Evaluation;
using Mentoring.Application.Ingest;
using Mentoring.Application.Roster;
using Mentoring.Application.Storage;
using Mentoring.Engine.Ledger;
using Mentoring.Engine.Policy;
using Mentoring.Testing;

namespace Mentoring.Tests;

/// <summary>Seeds small programs whose pairs drift (no meeting for 25 days, none booked): each gets a nudge when swept.</summary>
internal static class TestPrograms
{
    public static async Task<List<string>> SeedDriftingAsync(
        PipelineHarness harness, string programId, int pairs, bool due = true, bool ignoreQuietHours = true)
    {
        var now = harness.Time.GetUtcNow();
        var policy = EngagementPolicy.Default with { Sending = new SendingPolicy { IgnoreQuietHours = ignoreQuietHours } };
        await harness.Get<ProgramStore>().SaveAsync(new ProgramRecord(programId, "Test program", "Europe/Berlin", policy, "admin@test.example"), default);
        var ids = new List<string>();
        for (var i = 0; i < pairs; i++)
        {
            var pairId = $"pair-{i:000}";
            await SeedPairAsync(harness, programId, pairId, now, due);
            ids.Add(pairId);
        }

        return ids;
    }

    public static async Task SeedPairAsync(PipelineHarness harness, string programId, string pairId, DateTimeOffset now, bool due = true)
    {
        var participants = harness.Get<ParticipantStore>();
        var mentor = new ParticipantRecord(programId, pairId + "-mentor", "Mentor", $"{programId}.{pairId}.mentor@test.example", "Europe/Berlin");
        var mentee = new ParticipantRecord(programId, pairId + "-mentee", "Mentee", $"{programId}.{pairId}.mentee@test.example", "Asia/Tokyo");
        await participants.SaveAsync(mentor, default);
        await participants.SaveAsync(mentee, default);
        var store = harness.Get<PairStore>();
        await store.SaveAsync(new PairRecord(programId, pairId, mentor.ParticipantId, mentee.ParticipantId, now.AddDays(-60)), default);
        LedgerChange[] ledger =
        [
            new("m1/scheduled", "m1", ChangeKind.Scheduled, now.AddDays(-55), now.AddDays(-50), now.AddDays(-50).AddHours(1)),
            new("m2/scheduled", "m2", ChangeKind.Scheduled, now.AddDays(-40), now.AddDays(-25), now.AddDays(-25).AddHours(1)),
        ];
        await harness.Get<LedgerStore>().AppendChangesAsync(Keys.PairLog(programId, pairId), ledger, default);
        if (due)
        {
            var dueKey = await harness.Get<DueIndex>().ScheduleAsync(programId, pairId, now.AddMinutes(-1), default);
            await store.RecordSummaryAsync(programId, pairId, PairSummary.None with { DueKey = dueKey }, default);
        }
    }
}
