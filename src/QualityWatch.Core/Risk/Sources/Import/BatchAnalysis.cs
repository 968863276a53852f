using QualityWatch.Core.Risk.Analysis;

namespace QualityWatch.Core.Risk.Sources.Import;

/// <summary>
/// The text analysis and linking of one batch, record by record, claimed by the <see cref="AnalysisWorkers"/> and by
/// the importing thread: when that thread reaches a batch whose analysis is unfinished it claims the remaining
/// records itself instead of waiting. Records are claimed one at a time, so none is analysed twice.
/// </summary>
internal sealed class BatchAnalysis
{
    private readonly SourceRecord[] work;
    private readonly RecordAnalyzer analyzer;
    private readonly string kind;
    private readonly Func<SourceRecord, string> createdChanges;
    private readonly TaskCompletionSource completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int claimed = -1;
    private int finished;

    /// <param name="work">Records to analyse; the first <paramref name="createdCount"/> are new ones.</param>
    /// <param name="createdChanges">The audit changes of a new record, written once it is analysed.</param>
    public BatchAnalysis(SourceRecord[] work, int createdCount, RecordAnalyzer analyzer, string kind, Func<SourceRecord, string> createdChanges)
    {
        this.work = work;
        this.analyzer = analyzer;
        this.kind = kind;
        this.createdChanges = createdChanges;
        Leads = new LeadMention?[work.Length];
        CreatedChanges = new string[createdCount];
        if (work.Length == 0)
            completed.SetResult();
    }

    /// <summary>The unregistered producer each record names, if any, by position.</summary>
    public LeadMention?[] Leads { get; }

    /// <summary>The audit changes of each new record, by position.</summary>
    public string[] CreatedChanges { get; }

    /// <summary>Analyses what no worker has claimed yet, then waits for the records the workers are still on.</summary>
    public Task CompleteAsync(CancellationToken ct)
    {
        Work(ct);
        return completed.Task;
    }

    /// <summary>Leaves the records nobody has claimed yet (the import failed or was cancelled).</summary>
    public void Abandon() => completed.TrySetCanceled();

    /// <summary>Analyses records until none is left to claim; failures go to whoever completes the batch.</summary>
    public void Work(CancellationToken ct)
    {
        int i;
        while ((i = Interlocked.Increment(ref claimed)) < work.Length)
        {
            if (completed.Task.IsCompleted)
                return;
            try
            {
                ct.ThrowIfCancellationRequested();
                Leads[i] = analyzer.Analyse(work[i], kind);
                if (i < CreatedChanges.Length)
                    CreatedChanges[i] = createdChanges(work[i]);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                completed.TrySetCanceled(ct);
                return;
            }
#pragma warning disable CA1031 // The failure is handed to the importing thread, which rethrows it.
            catch (Exception e)
#pragma warning restore CA1031
            {
                completed.TrySetException(e);
                return;
            }
            if (Interlocked.Increment(ref finished) == work.Length)
                completed.TrySetResult();
        }
    }
}
