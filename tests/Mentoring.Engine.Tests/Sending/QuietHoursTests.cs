using Mentoring.Engine.Messages;
using Mentoring.Engine.Policy;
using Mentoring.Engine.Sending;
using static Mentoring.Engine.Tests.Support.A;

namespace Mentoring.Engine.Tests.Sending;

public sealed class QuietHoursTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly SendingPolicy Office = new();

    [Fact]
    public void FirstWorkingInstant_InsideWorkingHours_Unchanged()
    {
        var tuesdayNoonBerlin = new DateTimeOffset(2026, 1, 6, 11, 0, 0, TimeSpan.Zero);

        Assert.Equal(tuesdayNoonBerlin, SendWindow.FirstWorkingInstant(tuesdayNoonBerlin, Berlin, Office));
    }

    [Fact]
    public void FirstWorkingInstant_SaturdayInNewYork_MondayNineLocal()
    {
        var saturday = new DateTimeOffset(2026, 1, 10, 15, 0, 0, TimeSpan.Zero);

        var sendAt = SendWindow.FirstWorkingInstant(saturday, NewYork, Office);

        Assert.Equal(new DateTimeOffset(2026, 1, 12, 9, 0, 0, TimeSpan.FromHours(-5)), sendAt);
    }

    [Fact]
    public void FirstWorkingInstant_AtFiveInTheEvening_NextMorning()
    {
        var fivePmBerlin = new DateTimeOffset(2026, 1, 6, 16, 0, 0, TimeSpan.Zero);

        Assert.Equal(
            new DateTimeOffset(2026, 1, 7, 9, 0, 0, TimeSpan.FromHours(1)),
            SendWindow.FirstWorkingInstant(fivePmBerlin, Berlin, Office));
    }

    [Fact]
    public void FirstWorkingInstant_JustBeforeNine_NineSameDay()
    {
        var early = new DateTimeOffset(2026, 1, 6, 7, 59, 0, TimeSpan.Zero); // 08:59 in Berlin

        Assert.Equal(new DateTimeOffset(2026, 1, 6, 8, 0, 0, TimeSpan.Zero), SendWindow.FirstWorkingInstant(early, Berlin, Office));
    }

    [Fact]
    public void FirstWorkingInstant_AcrossTheSpringDaylightChange_NineLocalSummerTime()
    {
        var sundayBeforeChange = new DateTimeOffset(2026, 3, 8, 12, 0, 0, TimeSpan.Zero); // US clocks go forward that night

        Assert.Equal(
            new DateTimeOffset(2026, 3, 9, 9, 0, 0, TimeSpan.FromHours(-4)),
            SendWindow.FirstWorkingInstant(sundayBeforeChange, NewYork, Office));
    }

    [Fact]
    public void Nudge_DueOnASaturday_DeferredToMondayInTheRecipientsZoneNotDropped()
    {
        var saturday = new DateTimeOffset(2026, 1, 10, 15, 0, 0, TimeSpan.Zero);
        LedgerChange[] ledger =
        [
            Scheduled("m1", T0, T0 + Days(20)),
            Moved("m1", saturday - Hours(1), T0 + Days(20), T0 + Days(22), Party.Mentee),
            Moved("m1", saturday, T0 + Days(22), T0 + Days(25), Party.Mentee),
        ];

        var decision = Assert.Single(Evaluate(ledger, saturday, Pair(menteeZone: NewYork), EngagementPolicy.Default).Decisions);

        Assert.Equal(TemplateIds.Nudge, decision.TemplateId);
        Assert.Equal(saturday, decision.DueAt);
        Assert.Equal(new DateTimeOffset(2026, 1, 12, 14, 0, 0, TimeSpan.Zero), decision.NotBefore);
    }
}
