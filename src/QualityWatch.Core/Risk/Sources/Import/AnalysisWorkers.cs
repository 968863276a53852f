using System.Threading.Channels;

namespace QualityWatch.Core.Risk.Sources.Import;

/// <summary>
/// Background threads that analyse an import's batches in order, one fewer than there are cores: the importing
/// thread, which writes batch after batch and is the import's critical path, keeps a core to itself while it writes,
/// and joins in (<see cref="BatchAnalysis.CompleteAsync"/>) when it has to wait. Every worker works on the oldest
/// batch until none of its records is left to claim, then moves to the next, so at most one thread per core is busy.
/// </summary>
internal sealed class AnalysisWorkers
{
    private readonly Channel<BatchAnalysis> queue = Channel.CreateUnbounded<BatchAnalysis>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly int count = Math.Max(1, Environment.ProcessorCount - 1);
    private readonly Task workers;

    public AnalysisWorkers(CancellationToken ct) =>
        workers = Task.WhenAll(Enumerable.Range(0, count).Select(_ => Task.Run(async () =>
        {
            await foreach (var batch in queue.Reader.ReadAllAsync(CancellationToken.None))
                batch.Work(ct);
        }, CancellationToken.None)));

    /// <summary>Queues the batch once per worker, so all of them take it up in turn.</summary>
    public void Add(BatchAnalysis batch)
    {
        for (var i = 0; i < count; i++)
            queue.Writer.TryWrite(batch);
    }

    /// <summary>Completes when every worker has finished what was queued (or abandoned) and stopped.</summary>
    public Task StopAsync()
    {
        queue.Writer.TryComplete();
        return workers;
    }
}
