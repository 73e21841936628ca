namespace Mentoring.Acceptance.Tests.Quarter;

/// <summary>Deadline season: four of the ten pairs postpone or cancel in the first days of March.</summary>
[Collection(QuarterDefinition.Name)]
public sealed class CrunchTests(QuarterPlay quarter)
{
    private static readonly TimeZoneInfo ProgramZone = TimeZoneInfo.FindSystemTimeZoneById(AcmeProgram.TimeZone);

    [Theory]
    [InlineData(AcmeProgram.SponsorEmail)]
    [InlineData(AcmeProgram.Admin)]
    public void Crunch_WritesToTheSponsorAndAdmins_InTheWeekItHappens(string address)
    {
        var crunch = quarter.EmailsTo(address, "program-crunch").First();
        Assert.InRange(crunch.Date, QuarterPlay.CrunchWeek, QuarterPlay.CrunchWeek.AddDays(5));
        Expect.InWorkingHours(crunch, ProgramZone);
        Assert.StartsWith("40% of pairs postponed this week", crunch.Subject, StringComparison.Ordinal);
        Assert.True(crunch.Subject.Length <= 60, crunch.Subject);
        Expect.Contains("4 of 10 pairs (40%)", crunch);
        Expect.Contains(AcmeProgram.Goal, crunch);
        Expect.Contains("- " + AcmeProgram.SponsorName, crunch);
    }

    [Fact]
    public void Crunch_HoldsTheLadderBack_ForItsWeek()
    {
        var first = quarter.Emails.First(e => e.Template == "program-crunch").Date;
        var held = quarter.Emails.Where(e => e.Template.StartsWith("ladder-", StringComparison.Ordinal) && e.Date > first && e.Date < QuarterPlay.CrunchWeek.AddDays(7)).ToList();
        Assert.True(held.Count == 0, "Ladder emails during the crunch:\n" + Expect.Describe(held));
    }

    /// <summary>One week of postponements is written about once, not again the next Monday ("40% postponed this week" of a week with none).</summary>
    [Theory]
    [InlineData(AcmeProgram.SponsorEmail)]
    [InlineData(AcmeProgram.Admin)]
    public void Crunch_OfOneWeek_IsWrittenOnce(string address)
    {
        var crunches = quarter.EmailsTo(address, "program-crunch").ToList();
        Assert.True(crunches.Count == 1, Expect.Describe(crunches));
    }
}
