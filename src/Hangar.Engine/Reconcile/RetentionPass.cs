using Hangar.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Reconcile;

/// <summary>
/// Forgets what is over once <see cref="ReconcileOptions.Retention"/> has passed since its last change: completed jobs,
/// and deleted instances with their history. Rows are deleted <see cref="ReconcileOptions.RetentionBatch"/> at a time,
/// each batch its own short write, so a backlog of months never holds the single writer long: a webhook waits behind
/// one batch at most. Open jobs and live instances are never pruned, however old.
/// </summary>
internal sealed class RetentionPass(IStore store, EngineMetrics metrics, EngineOptions options, TimeProvider time, ILogger<RetentionPass> logger)
    : IReconcilePass
{
    public string Name => LoopNames.Retention;

    public TimeSpan Interval => options.Loops.RetentionInterval;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var olderThan = time.GetUtcNow() - options.Loops.Retention;
        var jobs = await PruneAsync("pruned_jobs", (batch, ct) => store.PruneJobsAsync(olderThan, batch, ct), cancellationToken).ConfigureAwait(false);
        var instances = await PruneAsync("pruned_instances", (batch, ct) => store.PruneInstancesAsync(olderThan, batch, ct), cancellationToken).ConfigureAwait(false);
        if (jobs + instances > 0)
        {
            ReconcileLog.RetentionPruned(logger, jobs, instances, olderThan);
        }
    }

    /// <summary>Batches until one comes back short, counting each as it commits.</summary>
    private async Task<long> PruneAsync(string action, Func<int, CancellationToken, Task<int>> prune, CancellationToken ct)
    {
        var batch = options.Loops.RetentionBatch;
        long total = 0;
        int pruned;
        do
        {
            pruned = await prune(batch, ct).ConfigureAwait(false);
            total += pruned;
            if (pruned > 0)
            {
                metrics.LoopAction(Name, action, pruned);
            }
        }
        while (pruned == batch);

        return total;
    }
}
