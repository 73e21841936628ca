using System.Globalization;

namespace Mentoring.Acceptance.Tests.Quarter;

/// <summary>The program's admins hear from it every week, whatever happens.</summary>
[Collection(QuarterDefinition.Name)]
public sealed class DigestTests(QuarterPlay quarter)
{
    [Fact]
    public void Admin_GetsTheWeeklyDigest_EveryWeekOfTheCycle()
    {
        var digests = quarter.EmailsTo(AcmeProgram.Admin, "admin-digest").ToList();
        var weeks = digests.Select(d => ISOWeek.GetWeekOfYear(d.Date.UtcDateTime)).ToList();
        Assert.True(weeks.Count == weeks.Distinct().Count(), "More than one digest in a week:\n" + Expect.Describe(digests));
        for (var week = AcmeProgram.CycleStart; week < AcmeProgram.CycleEnd; week = week.AddDays(7))
            Assert.Contains(ISOWeek.GetWeekOfYear(week.UtcDateTime), weeks);
        foreach (var digest in digests)
        {
            Expect.InWorkingHours(digest, TimeZoneInfo.FindSystemTimeZoneById(AcmeProgram.TimeZone));
            Expect.Contains("Active pairs: 10", digest);
            Expect.Contains(AcmeProgram.Goal, digest);
        }
    }

    /// <summary>Before the cycle starts no pair has a week to report (docs/engine.md, "Weekly admin digest").</summary>
    [Fact]
    public void Admin_GetsNoDigest_BeforeTheCycleStarts()
    {
        var early = quarter.EmailsTo(AcmeProgram.Admin, "admin-digest").Where(d => d.Date < AcmeProgram.CycleStart).ToList();
        Assert.True(early.Count == 0, "Digests before launch:\n" + Expect.Describe(early));
        Assert.Contains(quarter.EmailsTo(AcmeProgram.Admin, "admin-digest"), d => d.Date < AcmeProgram.CycleStart.AddDays(1));
    }
}
