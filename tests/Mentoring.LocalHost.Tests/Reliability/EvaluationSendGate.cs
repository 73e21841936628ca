using Azure.Core;
using Azure.Core.Pipeline;
using Mentoring.Application.Queues;

namespace Mentoring.Tests.Reliability;

/// <summary>
/// Joins the storage clients' pipelines (StorageSetup adds every registered policy) and holds the Nth send to
/// <c>pair-evaluations</c> until <see cref="Release"/>: the sweep is stopped right in its fan-out, so a test can take
/// storage away at that moment rather than hope to hit it.
/// </summary>
internal sealed class EvaluationSendGate(int holdAt) : HttpPipelinePolicy
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _sends;

    public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _release.TrySetResult();

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (IsEvaluationSend(message) && Interlocked.Increment(ref _sends) == holdAt)
        {
            Reached.TrySetResult();
            await _release.Task;
        }

        await ProcessNextAsync(message, pipeline);
    }

    private static bool IsEvaluationSend(HttpMessage message) =>
        message.Request.Method == RequestMethod.Post
        && message.Request.Uri.Path.EndsWith($"/{QueueNames.PairEvaluations}/messages", StringComparison.Ordinal);
}
