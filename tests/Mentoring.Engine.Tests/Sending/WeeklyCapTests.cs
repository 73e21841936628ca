using Mentoring.Engine.Messages;
using Mentoring.Engine.Policy;
using Mentoring.Engine.Sending;
using static Mentoring.Engine.Tests.Support.A;

namespace Mentoring.Engine.Tests.Sending;

public sealed class WeeklyCapTests
{
    private static readonly SendingPolicy AnyHour = new() { IgnoreQuietHours = true };

    private static SentMessage Sent(string template, DateTimeOffset at, string recipient = "mentee:mentee-1") =>
        new($"{template}/{at.UtcTicks}", template, recipient, at);

    private static DateTimeOffset NotBefore(DateTimeOffset due, string template, params SentMessage[] history) =>
        SendWindow.NotBefore(due, TimeZoneInfo.Utc, "mentee:mentee-1", template, history, [], AnyHour);

    [Fact]
    public void Cap_OneEmailThisWeek_SecondGoesNow()
    {
        Assert.Equal(T0, NotBefore(T0, TemplateIds.ValueReminder, Sent(TemplateIds.Nudge, T0 - Days(2))));
    }

    [Fact]
    public void Cap_TwoEmailsThisWeek_ThirdDeferredUntilTheOlderLeavesTheWeek()
    {
        var sendAt = NotBefore(T0, TemplateIds.ValueReminder, Sent(TemplateIds.Nudge, T0 - Days(5)), Sent(TemplateIds.Nudge, T0 - Days(1)));

        Assert.Equal(T0 + Days(2), sendAt);
    }

    [Fact]
    public void Cap_TwoEmailsToSomeoneElse_DoNotCount()
    {
        var others = new[] { Sent(TemplateIds.Nudge, T0 - Days(5), "mentor:mentor-1"), Sent(TemplateIds.Nudge, T0 - Days(1), "mentor:mentor-1") };

        Assert.Equal(T0, NotBefore(T0, TemplateIds.ValueReminder, others));
    }

    [Fact]
    public void Cap_CampaignAndRemindersAreNotCapped_GoNow()
    {
        var busyWeek = new[] { Sent(TemplateIds.Nudge, T0 - Days(5)), Sent(TemplateIds.Nudge, T0 - Days(1)) };

        Assert.Equal(T0, NotBefore(T0, TemplateIds.CampaignLaunch, busyWeek));
    }

    [Fact]
    public void Cap_AMessageAlreadyWaitingNextWeek_AlsoCounts()
    {
        var sendAt = NotBefore(T0, TemplateIds.ThankYou, Sent(TemplateIds.Nudge, T0 - Days(3)), Sent(TemplateIds.ValueReminder, T0 + Days(1)));

        Assert.Equal(T0 + Days(4), sendAt);
    }
}
