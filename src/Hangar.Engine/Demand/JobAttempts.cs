using Hangar.Core.Forges;
using Hangar.Core.Jobs;
using Hangar.Core.Storage;

namespace Hangar.Engine.Demand;

/// <summary>
/// The attempt a polled job is keyed by. Forgejo 15 names it (<see cref="QueuedForgeJob.Attempt"/>); Forgejo 11–14
/// re-runs a job by resetting the same row to waiting, so Hangar counts: the latest attempt it stored for the id, or the
/// next one when that attempt had completed and the job is back in the queue. The count is read from the store (the
/// attempts of one id are few), so it survives restarts and is shared by replicas.
/// </summary>
internal sealed class JobAttempts(IStore store)
{
    public async Task<JobKey> KeyOfAsync(string forge, QueuedForgeJob job, CancellationToken ct)
    {
        if (job.Attempt is { } attempt)
        {
            return new JobKey(forge, job.Id, attempt);
        }

        Job? latest = null;
        for (var a = 0L; await store.GetJobAsync(new JobKey(forge, job.Id, a), ct).ConfigureAwait(false) is { } stored; a++)
        {
            latest = stored;
        }

        return latest switch
        {
            null => new JobKey(forge, job.Id, 0),
            { Status: JobStatus.Completed } => new JobKey(forge, job.Id, latest.Attempt + 1),
            _ => latest.Key,
        };
    }
}
