using Mentoring.Application.Engagement;
using Microsoft.Azure.Functions.Worker;

namespace Mentoring.Functions.Engagement;

internal sealed class SweepFunction(SweepHandler handler)
{
    [Function("Sweep")]
    public Task Run([TimerTrigger("%" + SweepOptions.Setting + "%")] TimerInfo timer, CancellationToken ct) =>
        handler.RunAsync(ct);
}
