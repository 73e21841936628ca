using Mentoring.Application.Calendars;
using Mentoring.Application.Calendars.Connections;
using Microsoft.Azure.Functions.Worker;

namespace Mentoring.Functions.Calendars;

internal sealed class CalendarTimerFunctions(ConnectionMaintenance maintenance, IcsFeedPoller feeds)
{
    [Function("CalendarSubscriptionRenewal")]
    public Task Renew([TimerTrigger("%" + CalendarScheduleOptions.RenewalSetting + "%")] TimerInfo timer, CancellationToken ct) =>
        maintenance.RunAsync(ct);

    [Function("IcsFeedPoll")]
    public Task PollIcs([TimerTrigger("%" + CalendarScheduleOptions.IcsPollSetting + "%")] TimerInfo timer, CancellationToken ct) =>
        feeds.RunAsync(ct);
}
