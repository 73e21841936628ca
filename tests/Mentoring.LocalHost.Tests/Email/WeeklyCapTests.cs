using Mentoring.Testing;
using Mentoring.Tests.Admin;

namespace Mentoring.Tests.Email;

/// <summary>
/// The weekly cap as a person lives it: a mentor in three pairs, none of which meets, so each pair's ladder writes to her
/// on the same days — counted on what reaches the .eml outbox day by day: never more than the cap's two nudging emails
/// in any 7 days, across the three pairs.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class WeeklyCapTests
{
    /// <summary>Tuesday 10 March 2026, inside everyone's working hours.</summary>
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    private static readonly string[] Capped = ["ladder-nudge", "ladder-value-reminder", "thank-you"];

    [Fact]
    public async Task MentorOfThreePairs_ThreeLaddersAtOnce_AtMostTwoNudgingEmailsInAnySevenDays()
    {
        await using var host = await EmailHost.StartAsync(Now);
        await host.Api.SendAsync(HttpMethod.Post, "programs", AdminApi.Json(new
        {
            id = "cap",
            name = "Cap Mentoring",
            businessGoal = "Ship on their own sooner.",
            timeZone = "Europe/Berlin",
            admins = new[] { "hr.lead@example.com" },
            cadenceDays = 2,
            policy = new
            {
                slowStartDays = 1,
                ladder = new { stepSpacingDays = new[] { 1 } },
                campaign = new { enabled = false },
                sending = new { maxEmailsPerPersonPerWeek = 2, ignoreQuietHours = true },
            },
        }));
        await host.Api.SendAsync(HttpMethod.Post, "programs/cap/cycles", AdminApi.Json(new { id = "2026-q1", start = Now.AddDays(-1), end = Now.AddDays(60) }));
        await host.Api.SendAsync(HttpMethod.Post, "programs/cap/participant-imports", AdminApi.Csv(
            "id,name,email,role,timeZone\nana,Ana Lima,ana@example.com,mentor,Europe/Berlin\nben,Ben Okafor,ben@example.com,mentee,Europe/London\n" +
            "dev,Dev Patel,dev@example.com,mentee,Europe/London\neve,Eve Stone,eve@example.com,mentee,Europe/Berlin\n"));
        await host.Api.SendAsync(HttpMethod.Post, "programs/cap/pair-imports", AdminApi.Csv("id,mentorId,menteeId\nana-ben,ana,ben\nana-dev,ana,dev\nana-eve,ana,eve\n"));
        await host.DrainAsync();

        var received = new List<(DateTimeOffset At, Eml Email)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var day = 0; day < 21; day++)
        {
            await host.SweepAsync();
            foreach (var file in Directory.GetFiles(host.OutboxDirectory, "*.eml").Order(StringComparer.Ordinal).Where(seen.Add))
                received.Add((host.Time.GetUtcNow(), Eml.Read(file)));
            host.Time.Advance(TimeSpan.FromDays(1));
        }

        var ana = received.Where(r => r.Email.To.Contains("ana@example.com", StringComparison.Ordinal) && Capped.Contains(r.Email.Template)).ToList();
        var log = string.Join("\n", received.Select(r => $"{r.At:yyyy-MM-dd} {r.Email.Template} {r.Email.To}: {r.Email.Subject}"));
        // Each ladder wrote its nudge and its value reminder to the mentee: six nudging emails were due to Ana in the first days.
        foreach (var mentee in new[] { "ben", "dev", "eve" })
            Assert.True(received.Count(r => r.Email.To.Contains(mentee + "@example.com", StringComparison.Ordinal) && Capped.Contains(r.Email.Template)) >= 2, log);
        Assert.True(ana.Count == 2, "Ana, cap 2:\n" + log);
        foreach (var (at, _) in ana)
            Assert.True(ana.Count(r => r.At >= at && r.At < at.AddDays(7)) <= 2, $"More than two in the 7 days from {at:yyyy-MM-dd}:\n{log}");
    }
}
