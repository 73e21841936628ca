using Mentoring.Application.Outbox.Suppressions;
using Mentoring.Testing;
using Mentoring.Tests.Admin;
using Mentoring.Tests.Email;
using Microsoft.Extensions.DependencyInjection;

namespace Mentoring.Tests.Privacy;

/// <summary>
/// Erasure keeps the erased address from being written to again — in the erasing admin's programs only. An admin of one
/// program can add anybody's address and erase it; that must not silence another program's member.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class ErasureScopeTests
{
    /// <summary>Tuesday 10 March 2026, 09:00 UTC: inside working hours in Berlin.</summary>
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task EraseInProgramA_ProgramBsMemberWithTheSameAddress_StillReceivesEmail()
    {
        await using var host = await EmailHost.StartAsync(Now);
        var run = Guid.NewGuid().ToString("N")[..8];
        var (programA, programB) = ($"erase-a-{run}", $"erase-b-{run}");
        var shared = $"kim.{run}@example.com";
        await CreateProgramAsync(host.Api, programB, shared);
        await CreateProgramAsync(host.Api, programA, $"other.{run}@example.com");
        var adminOfA = (await host.Api.SendAsync(HttpMethod.Post, "keys", AdminApi.Json(new { name = "admin of A", programs = new[] { programA }, readOnly = false })))
            .GetProperty("key").GetString();

        await host.Api.SendAsync(HttpMethod.Put, $"programs/{programA}/participants/kim-copy", AdminApi.Json(new
        {
            name = "Kim",
            email = shared,
            role = "mentee",
            timeZone = "Europe/Berlin",
        }), adminOfA);
        await host.Api.SendAsync(HttpMethod.Delete, $"programs/{programA}/participants/kim-copy", key: adminOfA);
        await host.DrainAsync();

        Assert.Contains(host.Emails(), e => e.To.Contains(shared, StringComparison.Ordinal) && e.Template == "campaign-before-launch");
        var suppressions = host.Api.App.Services.GetRequiredService<SuppressionStore>();
        Assert.True(await suppressions.IsSuppressedAsync(shared, programA, default));
        Assert.False(await suppressions.IsSuppressedAsync(shared, programB, default));
    }

    /// <summary>A program whose cycle starts in six days (its before-launch emails go now) with one pair.</summary>
    private static async Task CreateProgramAsync(AdminApi api, string programId, string menteeEmail)
    {
        await api.SendAsync(HttpMethod.Post, "programs", AdminApi.Json(new
        {
            id = programId,
            name = "Mentoring " + programId,
            businessGoal = "Ship safely sooner.",
            timeZone = "Europe/Berlin",
            admins = new[] { "hr.lead@example.com" },
        }));
        await api.SendAsync(HttpMethod.Post, $"programs/{programId}/cycles", AdminApi.Json(new { id = "2026-q2", start = Now.AddDays(6), end = Now.AddDays(96) }));
        await api.SendAsync(HttpMethod.Post, $"programs/{programId}/participant-imports", AdminApi.Csv(
            $"""
            id,name,email,role,timeZone
            ana,Ana Lima,ana.{programId}@example.com,mentor,Europe/Berlin
            kim,Kim Park,{menteeEmail},mentee,Europe/Berlin

            """));
        await api.SendAsync(HttpMethod.Post, $"programs/{programId}/pair-imports", AdminApi.Csv(
            """
            id,mentorId,menteeId
            ana-kim,ana,kim

            """));
    }
}
