using Azure.Storage.Queues.Models;
using Mentoring.Application.Evaluation;
using Mentoring.Application.Queues;
using Microsoft.Azure.Functions.Worker;

namespace Mentoring.Functions.Evaluation;

internal sealed class EvaluatePairFunction(QueueInvocation invocation, EvaluatePairHandler handler)
{
    [Function("EvaluatePair")]
    public Task Run([QueueTrigger(QueueNames.PairEvaluations)] QueueMessage message, CancellationToken ct) =>
        invocation.RunAsync<EvaluatePair>(QueueNames.PairEvaluations, message.MessageId, message.Body.ToString(), handler.HandleAsync, ct);
}
