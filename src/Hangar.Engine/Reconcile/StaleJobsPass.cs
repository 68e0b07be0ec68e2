using Hangar.Core.Demand;
using Hangar.Core.Forges;
using Hangar.Core.Jobs;
using Hangar.Core.Pools;
using Hangar.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Reconcile;

/// <summary>
/// Covers lost webhooks. Queued and in-progress jobs not updated for <see cref="ReconcileOptions.StaleJobAfter"/> are
/// looked up at the forge, and what the forge says goes back through the <see cref="IJobEventSink"/> without a delivery
/// id, so the forward-only rules apply exactly as to a webhook. Jobs no webhook ever announced are found by listing the
/// queued jobs of every repository our pools serve (<see cref="IForge.ListQueuedJobsAsync"/>): for a repository pool its
/// repository, for an organization or enterprise pool the repositories Hangar has seen jobs from.
/// </summary>
internal sealed class StaleJobsPass(
    IStore store,
    PoolCatalog pools,
    ForgeSet forges,
    IJobEventSink sink,
    EngineMetrics metrics,
    EngineOptions options,
    TimeProvider time,
    ILogger<StaleJobsPass> logger) : IReconcilePass
{
    public string Name => LoopNames.StaleJobs;

    public TimeSpan Interval => options.Loops.StaleJobsInterval;

    private readonly Dictionary<JobKey, DateTimeOffset> _lastChecked = [];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await RecheckKnownAsync(cancellationToken).ConfigureAwait(false);
        if (options.Loops.SweepQueuedRuns)
        {
            await SweepUnknownAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RecheckKnownAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var after = options.Loops.StaleJobAfter;
        var open = await store.ListJobsAsync(new JobQuery { Statuses = [JobStatus.Queued, JobStatus.InProgress] }, ct).ConfigureAwait(false);
        var openKeys = open.Select(j => new JobKey(j.Forge, j.Id)).ToHashSet();
        foreach (var key in _lastChecked.Keys.Where(k => !openKeys.Contains(k)).ToList())
        {
            _lastChecked.Remove(key);
        }

        var stale = open
            .Where(j => now - j.UpdatedAt >= after)
            .Where(j => !_lastChecked.TryGetValue(new JobKey(j.Forge, j.Id), out var checkedAt) || now - checkedAt >= after)
            .OrderBy(j => j.UpdatedAt)
            .Take(options.Loops.StaleJobsPerPass);
        foreach (var job in stale)
        {
            var key = new JobKey(job.Forge, job.Id);
            ForgeJob? found;
            try
            {
                found = await forges.Get(job.Forge).GetJobAsync(job.Repository, job.Id, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                ReconcileLog.ObserveFailed(logger, $"job:{key}", ErrorText.Describe(ex));
                continue;
            }

            _lastChecked[key] = now;
            if (found is null)
            {
                metrics.LoopAction(Name, "unknown_at_forge");
                ReconcileLog.StaleJobUnknown(logger, job.Forge, job.Id);
                continue;
            }

            var outcome = await sink.SubmitAsync(ToEvent(job.Forge, job.Repository, job.Owner, job.Enterprise, found, job.Labels), ct).ConfigureAwait(false);
            metrics.LoopAction(Name, "rechecked");
            if (outcome is JobEventOutcome.Updated)
            {
                metrics.LoopAction(Name, "advanced");
                ReconcileLog.StaleJobAdvanced(logger, job.Forge, job.Id, job.Status, found.Status);
            }
        }
    }

    private async Task SweepUnknownAsync(CancellationToken ct)
    {
        var recent = await store.ListJobsAsync(new JobQuery { UpdatedSince = time.GetUtcNow() - options.CompletedJobLookback }, ct).ConfigureAwait(false);
        foreach (var (forgeName, repository, owner, enterprise) in RepositoriesToSweep(recent))
        {
            IReadOnlyList<ForgeJob> queued;
            try
            {
                queued = await forges.Get(forgeName).ListQueuedJobsAsync(repository, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                ReconcileLog.ObserveFailed(logger, $"queued-jobs:{forgeName}:{repository}", ErrorText.Describe(ex));
                continue;
            }

            foreach (var job in queued.Where(j => j.Status == JobStatus.Queued))
            {
                if (await store.GetJobAsync(new JobKey(forgeName, job.Id), ct).ConfigureAwait(false) is not null)
                {
                    continue;
                }

                var outcome = await sink.SubmitAsync(ToEvent(forgeName, repository, owner, enterprise, job, []), ct).ConfigureAwait(false);
                if (outcome == JobEventOutcome.Created)
                {
                    metrics.LoopAction(Name, "discovered");
                    ReconcileLog.JobDiscovered(logger, forgeName, job.Id, repository);
                }
            }
        }
    }

    /// <summary>Repository pools' repositories, plus every repository with a recent job that an organization or
    /// enterprise pool serves (the forge cannot cheaply list all of an organization's queued jobs).</summary>
    private IEnumerable<(string Forge, string Repository, string? Owner, string? Enterprise)> RepositoriesToSweep(IReadOnlyList<Job> recent)
    {
        var seen = new HashSet<(string, string)>();
        foreach (var pool in pools.All.Where(p => p.Enabled))
        {
            if (pool.Target.Scope == TargetScope.Repository)
            {
                var known = recent.FirstOrDefault(j => j.Forge == pool.Forge && string.Equals(j.Repository, pool.Target.Name, StringComparison.OrdinalIgnoreCase));
                if (seen.Add((pool.Forge, pool.Target.Name.ToLowerInvariant())))
                {
                    yield return (pool.Forge, pool.Target.Name, known?.Owner ?? OwnerOf(pool.Target.Name), known?.Enterprise);
                }

                continue;
            }

            foreach (var job in recent.Where(j => j.Forge == pool.Forge && pool.Target.Serves(j.Repository, j.Owner, j.Enterprise)))
            {
                if (seen.Add((pool.Forge, job.Repository.ToLowerInvariant())))
                {
                    yield return (pool.Forge, job.Repository, job.Owner, job.Enterprise);
                }
            }
        }
    }

    private static JobEvent ToEvent(string forge, string repository, string? owner, string? enterprise, ForgeJob found, IReadOnlyList<string> knownLabels) => new()
    {
        Forge = forge,
        JobId = found.Id,
        Status = found.Status,
        Repository = repository,
        Owner = owner,
        Enterprise = enterprise,
        Labels = found.Labels.Count > 0 ? found.Labels : knownLabels,
        RunId = found.RunId,
        Name = found.Name,
        RunnerName = found.RunnerName,
        RunnerId = found.RunnerId,
        Conclusion = found.Conclusion,
        CreatedAt = found.CreatedAt,
    };

    private static string OwnerOf(string repository)
    {
        var slash = repository.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? repository : repository[..slash];
    }
}
