using Hangar.Core.Demand;
using Hangar.Core.Forges;
using Hangar.Core.Jobs;
using Hangar.Core.Pools;
using Hangar.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Demand;

/// <summary>
/// Finds jobs no webhook announced, as a pull demand source: every <see cref="ReconcileOptions.StaleJobsInterval"/>
/// (and once at start) it lists the queued jobs of every repository the pools serve (<see cref="IForge.ListQueuedJobsAsync"/>):
/// for a repository pool its repository, for an organization or enterprise pool the repositories Hangar has seen jobs
/// from (the forge cannot cheaply list all of an organization's queued jobs). Jobs Hangar knows as queued or later are
/// skipped; the others (new ones, and waiting ones whose approval's <c>queued</c> webhook was lost) go to the sink
/// without a dedupe key, so the forward-only rule applies exactly as to a webhook. Its forge calls are a sweep to the
/// request budget (<see cref="ForgePriority.Sweep"/>): a repository deferred for quota is swept on a later tick.
/// </summary>
internal sealed class QueuedJobsSweep(
    IStore store,
    PoolCatalog pools,
    ForgeSet forges,
    EngineMetrics metrics,
    EngineOptions options,
    TimeProvider time,
    ILogger<QueuedJobsSweep> logger) : IDemandSource
{
    public const string SourceName = "queued-jobs";

    public string Name => SourceName;

    public async Task RunAsync(IJobEventSink sink, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.Loops.StaleJobsInterval, time);
        do
        {
            try
            {
                await SweepAsync(sink, cancellationToken).ConfigureAwait(false);
                metrics.LoopPass(Name);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // A store hiccup costs this sweep, not the source: the next tick tries again.
                DemandLog.SweepFailed(logger, Name, ex);
                metrics.LoopFailure(Name);
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>One sweep over every served repository.</summary>
    public async Task SweepAsync(IJobEventSink sink, CancellationToken ct)
    {
        using var caller = ForgeCallScope.Begin(Name, ForgePriority.Sweep);
        var recent = await store.ListJobRepositoriesAsync(time.GetUtcNow() - options.CompletedJobLookback, ct).ConfigureAwait(false);
        foreach (var (forgeName, repository, owner, enterprise) in RepositoriesToSweep(recent))
        {
            IReadOnlyList<ForgeJob> queued;
            try
            {
                queued = await forges.Get(forgeName).ListQueuedJobsAsync(repository, ct).ConfigureAwait(false);
            }
            catch (ForgeBudgetExceededException deferred)
            {
                DemandLog.SweepDeferred(logger, $"queued-jobs:{forgeName}:{repository}", deferred.Priority, deferred.RetryAt);
                metrics.LoopAction(Name, "deferred");
                continue;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                DemandLog.ListFailed(logger, $"queued-jobs:{forgeName}:{repository}", ErrorText.Describe(ex));
                continue;
            }

            foreach (var job in queued.Where(j => j.Status == JobStatus.Queued))
            {
                var key = new JobKey(forgeName, job.Id, job.Attempt);
                var stored = await store.GetJobAsync(key, ct).ConfigureAwait(false);
                if (stored is not null && stored.Status != JobStatus.Waiting)
                {
                    continue;
                }

                var jobEvent = ForgeJobEvents.From(forgeName, repository, owner, enterprise, job, stored?.Labels ?? []);
                switch (await sink.SubmitAsync(jobEvent, ct).ConfigureAwait(false))
                {
                    case JobEventOutcome.Created:
                        metrics.LoopAction(Name, "discovered");
                        DemandLog.JobDiscovered(logger, forgeName, job.Id, repository);
                        break;
                    case JobEventOutcome.Updated:
                        metrics.LoopAction(Name, "approved");
                        DemandLog.WaitingJobQueued(logger, forgeName, job.Id, repository);
                        break;
                }
            }
        }
    }

    /// <summary>Repository pools' repositories, plus every repository with a recent job that an organization or
    /// enterprise pool serves.</summary>
    private IEnumerable<(string Forge, string Repository, string? Owner, string? Enterprise)> RepositoriesToSweep(IReadOnlyList<JobRepository> recent)
    {
        var seen = new HashSet<(string, string)>();
        // A scale set's jobs come from its listener, keyed by the Actions service's request ids: a REST sweep would see
        // the same jobs under other ids.
        foreach (var pool in pools.All.Where(p => p.Enabled && p.ScaleSet is null))
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

            foreach (var known in recent.Where(r => r.Forge == pool.Forge && pool.Target.Serves(r.Repository, r.Owner, r.Enterprise)))
            {
                if (seen.Add((pool.Forge, known.Repository.ToLowerInvariant())))
                {
                    yield return (pool.Forge, known.Repository, known.Owner, known.Enterprise);
                }
            }
        }
    }

    private static string OwnerOf(string repository)
    {
        var slash = repository.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? repository : repository[..slash];
    }
}
