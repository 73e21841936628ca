using Mentoring.Engine.Policy;
using Mentoring.Engine.Programs;

namespace Mentoring.Engine.Tests.Programs;

/// <summary>The weekly digest and the program's launch: nothing to report before the cycle's first day.</summary>
public sealed class AdminDigestTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    // Monday 4 January 2027, 09:30 in Berlin: half an hour after the digest's moment.
    private static readonly DateTimeOffset MondayMorning = new(2027, 1, 4, 8, 30, 0, TimeSpan.Zero);

    private static readonly ProgramSummary TenNewPairs = new(10, 10, 0, 0, 0, 0, 0);

    private static Messages.MessageDecision? Decide(DateTimeOffset? cycleStart, DateTimeOffset now) =>
        AdminDigest.Decide("program-1", TenNewPairs, Berlin, cycleStart, [], EngagementPolicy.Default, now);

    [Fact]
    public void Digest_TheWeekBeforeLaunch_IsNotSent()
    {
        var launch = new DateTimeOffset(2027, 1, 11, 8, 0, 0, TimeSpan.Zero); // Monday 11 January, 09:00 in Berlin

        Assert.Null(Decide(launch, MondayMorning));
    }

    [Fact]
    public void Digest_OnLaunchDay_IsTheFirst()
    {
        var launch = new DateTimeOffset(2027, 1, 4, 13, 0, 0, TimeSpan.Zero); // 14:00 in Berlin, after the digest's moment

        var digest = Decide(launch, MondayMorning);

        Assert.NotNull(digest);
        Assert.Equal("program-1/digest/2027-W01/admin", digest.IdempotencyKey);
    }

    [Fact]
    public void Digest_OfAProgramWithoutACycle_GoesEveryWeek() => Assert.NotNull(Decide(null, MondayMorning));

    [Fact]
    public void Digest_AfterLaunch_GoesEveryWeek()
    {
        var launch = new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);

        Assert.NotNull(Decide(launch, MondayMorning));
        Assert.NotNull(Decide(launch, MondayMorning.AddDays(7)));
    }
}
