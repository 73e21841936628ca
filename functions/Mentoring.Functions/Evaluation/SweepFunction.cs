using Mentoring.Application.Evaluation;
using Microsoft.Azure.Functions.Worker;

namespace Mentoring.Functions.Evaluation;

internal sealed class SweepFunction(SweepHandler handler)
{
    [Function("Sweep")]
    public Task Run([TimerTrigger("%" + SweepOptions.Setting + "%")] TimerInfo timer, CancellationToken ct) =>
        handler.RunAsync(ct);
}
