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

    internal JobRecheck(IStore store, ForgeSet forges, IJobEventSink sink, EngineOptions options, TimeProvider time)
    {
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
        var found = await _forges.Get(job.Forge).GetJobAsync(job.Repository, job.Id, ct).ConfigureAwait(false);
        if (found is null)
        {
            return (null, null);
        }

        var outcome = await _sink.SubmitAsync(ForgeJobEvents.From(job.Forge, job.Repository, job.Owner, job.Enterprise, found, job.Labels), ct).ConfigureAwait(false);
        return (found, outcome);
    }

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
