using Mentoring.Testing;
using Mentoring.Tests.Admin;

namespace Mentoring.Tests.Email;

/// <summary>
/// A program run the way a customer runs one — created, imported and proofed through the admin API, never the demo
/// seeder — and the emails its people receive, read from the .eml outbox.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class ProgramContentTests(AzuriteFixture azurite)
{
    /// <summary>Tuesday 10 March 2026, 10:00 in Berlin and 09:00 in London: inside everyone's working hours.</summary>
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    private const string Goal = "Cut the time a new engineer needs to ship on their own from six months to four.";
    private const string SponsorWords = "Every hour a senior spends mentoring saves the team a week of rework.";

    [Fact]
    public async Task ProgramCreatedThroughTheApi_BeforeLaunchEmail_CarriesTheGoalAndTheSponsorsWords()
    {
        await using var host = await EmailHost.StartAsync(azurite, Now);
        await CreateProgramAsync(host.Api, "content-goal");

        await host.DrainAsync();

        var beforeLaunch = host.Emails().Where(e => e.Template == "campaign-before-launch").ToList();
        Assert.Equal(4, beforeLaunch.Count);
        Assert.All(beforeLaunch, email =>
        {
            Assert.Contains("The business goal: " + Goal, email.Text, StringComparison.Ordinal);
            Assert.Contains("\"" + SponsorWords + "\"\n- Dana Whitfield, Chief Technology Officer", email.Text, StringComparison.Ordinal);
        });
    }

    /// <summary>
    /// A program with a cycle starting in six days (its before-launch moment has come), four participants and two pairs
    /// imported from CSV: Ana mentors Ben, Carla mentors Dev.
    /// </summary>
    private static async Task CreateProgramAsync(AdminApi api, string programId, object? extra = null)
    {
        await api.SendAsync(HttpMethod.Post, "programs", AdminApi.Json(new
        {
            id = programId,
            name = "Platform Mentoring",
            businessGoal = Goal,
            timeZone = "Europe/Berlin",
            admins = new[] { "hr.lead@example.com" },
            sponsorName = "Dana Whitfield",
            sponsorRole = "Chief Technology Officer",
            sponsorWords = SponsorWords,
            sponsorEmail = "dana@example.com",
        }));
        await api.SendAsync(HttpMethod.Post, $"programs/{programId}/cycles", AdminApi.Json(new
        {
            id = "2026-q2",
            start = Now.AddDays(6),
            end = Now.AddDays(96),
        }));
        await api.SendAsync(HttpMethod.Post, $"programs/{programId}/participant-imports", AdminApi.Csv(
            """
            id,name,email,role,timeZone,managerEmail,managerNotesConsent
            ana,Ana Lima,ana@example.com,mentor,Europe/Berlin,mo@example.com,true
            ben,Ben Okafor,ben@example.com,mentee,Europe/London,,false
            carla,Carla Ruiz,carla@example.com,mentor,Europe/Berlin,,false
            dev,Dev Patel,dev@example.com,mentee,Europe/London,,false

            """));
        await api.SendAsync(HttpMethod.Post, $"programs/{programId}/pair-imports", AdminApi.Csv(
            """
            id,mentorId,menteeId
            ana-ben,ana,ben
            carla-dev,carla,dev

            """));
    }
}
