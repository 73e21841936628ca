using System.Globalization;
using Mentoring.Application.Evaluation;
using Mentoring.Application.Ingest;
using Mentoring.Application.Roster;
using Mentoring.Application.Storage;
using Mentoring.Engine.Ledger;
using Mentoring.Engine.Policy;

namespace Mentoring.LocalHost.Demo;

/// <summary>The kinds of pair the demo seeds, and how many of each.</summary>
internal enum DemoScenario
{
    Healthy,
    Postponing,
    Drifting,
    Dormant,
}

/// <summary>
/// Seeds one demo program: a cycle, and 20 pairs whose ledgers are dated back from <c>now</c> — healthy pairs meeting
/// every two weeks with the next meeting booked, postponing pairs who moved their next meeting twice (the second time
/// late) to weeks from now, drifting pairs with no meeting for 25 days and none booked, dormant pairs silent for four
/// months. The program ignores quiet hours so the demo sends whatever the hour. Every pair is due at once.
/// </summary>
internal sealed class DemoSeeder(ProgramStore programs, ParticipantStore participants, PairStore pairs, LedgerStore ledgers, DueIndex due)
{
    public const string ProgramId = "demo";

    /// <summary>What the demo's emails say about why the program exists.</summary>
    public static ProgramVoice Voice { get; } = new(
        "Cut the time a new engineer needs to ship on their own from six months to three.",
        "Dana Whitfield",
        "Chief Technology Officer",
        "Every hour a senior engineer spends mentoring comes back to us as weeks of work we don't have to redo.");

    private static readonly string[] Mentors = ["Priya", "Marcus", "Ingrid", "Kenji", "Amara", "Lukas", "Sofia", "Daniel", "Fatima", "Oliver"];
    private static readonly string[] Mentees = ["Tom", "Lena", "Ravi", "Chloe", "Mateo", "Hana", "Jonas", "Aisha", "Noah", "Elif"];

    public static IReadOnlyList<(DemoScenario Scenario, int Count)> Mix { get; } =
        [(DemoScenario.Healthy, 8), (DemoScenario.Postponing, 5), (DemoScenario.Drifting, 4), (DemoScenario.Dormant, 3)];

    public async Task<int> SeedAsync(DateTimeOffset now, CancellationToken ct, string programId = ProgramId)
    {
        var cycleStart = now.AddDays(-150);
        var policy = EngagementPolicy.Default with { Sending = new SendingPolicy { IgnoreQuietHours = true } };
        await programs.SaveAsync(
            new ProgramRecord(programId, "Demo mentoring program", "Europe/Berlin", policy, "admin@demo.example", "sponsor@demo.example", "2025", Voice),
            ct);
        await programs.SaveCycleAsync(new CycleRecord(programId, "2025", cycleStart, now.AddDays(30)), ct);

        // Another program seeded beside the demo has people of its own: the weekly cap counts a person across programs.
        var mailbox = programId == ProgramId ? "" : "." + programId;
        var seeded = 0;
        foreach (var (scenario, count) in Mix)
        {
            for (var i = 1; i <= count; i++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"{scenario.ToString().ToLowerInvariant()}-{i:00}");
                var pairId = "pair-" + name;
                var mentor = new ParticipantRecord(programId, "mentor-" + name, Mentors[seeded % Mentors.Length] + " (" + name + ")", $"mentor.{name}{mailbox}@demo.example", "Europe/Berlin");
                var mentee = new ParticipantRecord(programId, "mentee-" + name, Mentees[seeded % Mentees.Length] + " (" + name + ")", $"mentee.{name}{mailbox}@demo.example", "America/New_York");
                await participants.SaveAsync(mentor, ct);
                await participants.SaveAsync(mentee, ct);
                await pairs.SaveAsync(new PairRecord(programId, pairId, mentor.ParticipantId, mentee.ParticipantId, cycleStart, "2025"), ct);
                await ledgers.AppendChangesAsync(Keys.PairLog(programId, pairId), History(scenario, cycleStart, now), ct);
                var dueKey = await due.ScheduleAsync(programId, pairId, now, ct);
                await pairs.RecordSummaryAsync(programId, pairId, PairSummary.None with { DueKey = dueKey }, ct);
                seeded++;
            }
        }

        return seeded;
    }

    /// <summary>A pair's synthetic ledger: a meeting every 14 days from a week after the start, then the scenario's end.</summary>
    internal static List<LedgerChange> History(DemoScenario scenario, DateTimeOffset start, DateTimeOffset now)
    {
        var lastHeld = scenario switch
        {
            DemoScenario.Healthy => now.AddDays(-5),
            DemoScenario.Postponing => now.AddDays(-26),
            DemoScenario.Drifting => now.AddDays(-25),
            _ => now.AddDays(-120),
        };
        var changes = new List<LedgerChange>();
        var meetings = new List<DateTimeOffset>();
        for (var at = lastHeld; at > start; at = at.AddDays(-14))
            meetings.Insert(0, at);
        foreach (var at in meetings)
            Meeting(changes, "m-" + Keys.Sortable(at), at, booked: at.AddDays(-10));

        if (scenario == DemoScenario.Healthy)
        {
            Meeting(changes, "m-next", now.AddDays(9), booked: now.AddDays(-4));
        }
        else if (scenario == DemoScenario.Postponing)
        {
            var original = now.AddDays(-12);
            Meeting(changes, "m-moved", original, booked: now.AddDays(-20));
            changes.Add(new LedgerChange("m-moved/moved-1", "m-moved", ChangeKind.Rescheduled, now.AddDays(-13),
                now.AddDays(-5), now.AddDays(-5).AddHours(1), original, Party.Mentee, "Project deadline", "demo"));
            changes.Add(new LedgerChange("m-moved/moved-2", "m-moved", ChangeKind.Rescheduled, now.AddDays(-5).AddHours(-3),
                now.AddDays(20), now.AddDays(20).AddHours(1), now.AddDays(-5), Party.Mentee, "Customer escalation", "demo"));
        }

        return changes;
    }

    private static void Meeting(List<LedgerChange> changes, string meetingId, DateTimeOffset start, DateTimeOffset booked)
    {
        changes.Add(new LedgerChange(meetingId + "/scheduled", meetingId, ChangeKind.Scheduled, booked, start, start.AddHours(1), Source: "demo"));
    }
}
