using Mentoring.Application.Ingest;
using Mentoring.Application.Ingest.Connections;
using Microsoft.Azure.Functions.Worker;

namespace Mentoring.Functions.Ingest;

internal sealed class CalendarTimerFunctions(ConnectionMaintenance maintenance, IcsFeedPoller feeds)
{
    [Function("CalendarSubscriptionRenewal")]
    public Task Renew([TimerTrigger("%" + CalendarScheduleOptions.RenewalSetting + "%")] TimerInfo timer, CancellationToken ct) =>
        maintenance.RunAsync(ct);

    [Function("IcsFeedPoll")]
    public Task PollIcs([TimerTrigger("%" + CalendarScheduleOptions.IcsPollSetting + "%")] TimerInfo timer, CancellationToken ct) =>
        feeds.RunAsync(ct);
}
