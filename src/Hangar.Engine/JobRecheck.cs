using Hangar.Core.Demand;
using Hangar.Core.Forges;
using Hangar.Core.Jobs;
using Hangar.Core.Storage;

namespace Hangar.Engine;

/// <summary>
/// Looks a known job up at its forge and submits what the forge says through the <see cref="IJobEventSink"/> (no
/// delivery id, so the forward-only rules apply exactly as to a webhook). The stale-jobs pass uses it for jobs gone
/// quiet; an operator's re-check (<c>POST /api/v1/jobs/{forge}/{id}/recheck</c>) for one job, now.
/// </summary>
public sealed class JobRecheck
{
    private readonly IStore _store;
    private readonly ForgeSet _forges;
    private readonly IJobEventSink _sink;
    private readonly EngineOptions _options;
    private readonly TimeProvider _time;
    private readonly PoolCatalog _pools;

    internal JobRecheck(IStore store, ForgeSet forges, IJobEventSink sink, EngineOptions options, TimeProvider time, PoolCatalog pools)
    {
        _pools = pools;
        _store = store;
        _forges = forges;
        _sink = sink;
        _options = options;
        _time = time;
    }

    /// <summary>What the forge said about <paramref name="job"/>: null when it no longer knows it.</summary>
    /// <exception cref="ForgeBudgetExceededException">The forge's request budget holds the call back.</exception>
    internal async Task<(ForgeJob? Found, JobEventOutcome? Outcome)> LookUpAsync(Job job, CancellationToken ct)
    {
        var forge = _forges.Get(job.Forge);
        var found = IsScaleSetJob(job)
            ? await FindInRunAsync(forge, job, ct).ConfigureAwait(false)
            : await forge.GetJobAsync(job.Repository, job.Id, ct).ConfigureAwait(false);
        if (found is null)
        {
            return (null, null);
        }

        // Under the job's own key: a scale-set job's REST id is another number for the same job.
        var forgeEvent = ForgeJobEvents.From(job.Forge, job.Repository, job.Owner, job.Enterprise, found, job.Labels) with { JobId = job.Id, Attempt = job.Attempt };
        var outcome = await _sink.SubmitAsync(forgeEvent, ct).ConfigureAwait(false);
        return (found, outcome);
    }

    /// <summary>A job of a forge in scale-set mode is keyed by the Actions service's <c>runnerRequestId</c>, which no
    /// REST call knows (every job of such a forge comes from its listeners).</summary>
    private bool IsScaleSetJob(Job job) => _pools.All.Any(p => p.ScaleSet is not null && string.Equals(p.Forge, job.Forge, StringComparison.Ordinal));

    /// <summary>The job in its workflow run (<see cref="RunJobMatch"/>); null (a miss) when it names no run or the run
    /// does not list it.</summary>
    private static async Task<ForgeJob?> FindInRunAsync(IForge forge, Job job, CancellationToken ct) =>
        job.RunId is { } runId && await forge.ListRunJobsAsync(job.Repository, runId, ct).ConfigureAwait(false) is { } runJobs
            ? RunJobMatch.Find(job, runJobs)
            : null;

    /// <summary>
    /// An operator's re-check of one stored job: looked up now, what the forge says applied, and the look-up stored like
    /// the stale-jobs pass's (a job the forge does not know counts a miss toward closing it). Returns the job as stored
    /// afterwards and whether the forge knew it; null when no such job is stored.
    /// </summary>
    /// <exception cref="InvalidOperationException">The job's forge is no longer configured.</exception>
    public async Task<(Job Job, bool Found)?> RecheckAsync(JobKey key, CancellationToken ct)
    {
        if (await _store.GetJobAsync(key, ct).ConfigureAwait(false) is not { } job)
        {
            return null;
        }

        ForgeJob? found;
        using (ForgeCallScope.Begin("operator", ForgePriority.Provision))
        {
            (found, _) = await LookUpAsync(job, ct).ConfigureAwait(false);
        }

        await _store.RecordJobChecksAsync([new JobCheck(key, found is not null)], _options.Loops.CloseUnknownJobsAfter, _time.GetUtcNow(), ct).ConfigureAwait(false);
        return ((await _store.GetJobAsync(key, ct).ConfigureAwait(false)) ?? job, found is not null);
    }
}
