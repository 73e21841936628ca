using Azure.Core;
using Azure.Core.Pipeline;

namespace Mentoring.SweepBench;

/// <summary>Counts every request the storage clients send, retries included (each is a billed transaction), by port.</summary>
internal sealed class TransactionCounter : HttpPipelinePolicy
{
    private long _tables;
    private long _queues;

    public int TablePort { get; set; }

    public long Tables => Interlocked.Read(ref _tables);

    public long Queues => Interlocked.Read(ref _queues);

    public void Reset()
    {
        Interlocked.Exchange(ref _tables, 0);
        Interlocked.Exchange(ref _queues, 0);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Count(HttpMessage message)
    {
        if (message.Request.Uri.Port == TablePort)
            Interlocked.Increment(ref _tables);
        else
            Interlocked.Increment(ref _queues);
    }
}
