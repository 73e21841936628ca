using System.Globalization;
using System.Text.RegularExpressions;

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

    /// <summary>
    /// The digest's pairs that need a human carry the engine's main reason and the days since they last met — since
    /// their start for a pair that never met (p07): the two columns were blank and "days since the last setback".
    /// </summary>
    [Fact]
    public void Digest_PairsThatNeedAHuman_CarryTheReason_AndTheDaysSinceTheyLastMet()
    {
        var digest = quarter.EmailsTo(AcmeProgram.Admin, "admin-digest").Where(d => d.Date < AcmeProgram.CycleEnd).MaxBy(d => d.Date)!;
        var p07 = AcmeProgram.PairNamed("p07");
        var text = Regex.Replace(digest.Text, @"\s+", " ");
        var line = Regex.Match(text, $@"\* {First(p07.Mentor.Name)} & {First(p07.Mentee.Name)} \((At risk|Dormant), health \d+, (?<days>\d+) days\): (?<reason>[^.]+\.)");
        Assert.True(line.Success, "p07 is not listed with a reason in the last digest:\n" + digest.Text);

        var days = int.Parse(line.Groups["days"].Value, CultureInfo.InvariantCulture);
        Assert.InRange(days, (int)(digest.Date - AcmeProgram.CycleStart).TotalDays - 1, (int)(digest.Date - AcmeProgram.CycleStart).TotalDays);
        Assert.Contains("since the pair started", line.Groups["reason"].Value, StringComparison.Ordinal);
        Assert.DoesNotContain("since the last meeting", line.Groups["reason"].Value, StringComparison.Ordinal);
    }

    private static string First(string name) => name.Split(' ')[0];
}
