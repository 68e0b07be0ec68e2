using Hangar.Core.Jobs;
using Hangar.Core.Storage;

namespace Hangar.Engine.Intake;

/// <summary>
/// Queue time (<see cref="MetricNames.QueueTime"/>): from a job's queue time to its start, recorded once per job, when
/// the event that starts it is stored. The pool is the one routing chose, or, for a job an idle runner took before it
/// was routed, the pool of the runner that took it; a job run by a runner Hangar does not know is left out.
/// </summary>
internal sealed class QueueTimes(IStore store, EngineMetrics metrics)
{
    /// <summary>The job's key when it has not started yet (so this event may start it), else null.</summary>
    public async Task<JobKey?> BeforeAsync(JobEvent jobEvent, CancellationToken cancellationToken)
    {
        var job = await store.GetJobAsync(jobEvent.Key, cancellationToken).ConfigureAwait(false);
        return job?.StartedAt is null ? jobEvent.Key : null;
    }

    /// <summary>Records the queue time of a job whose start was just stored.</summary>
    public async Task RecordAsync(JobKey key, CancellationToken cancellationToken)
    {
        if (await store.GetJobAsync(key, cancellationToken).ConfigureAwait(false) is not { StartedAt: { } started } job)
        {
            return;
        }

        var pool = job.Pool;
        if (pool is null && job.RunnerName is { } runner)
        {
            pool = (await store.GetInstanceAsync(runner, cancellationToken).ConfigureAwait(false))?.Pool;
        }

        if (pool is not null)
        {
            metrics.JobStarted(pool, started - job.QueuedAt);
        }
    }
}
