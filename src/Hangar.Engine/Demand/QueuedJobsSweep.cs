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
/// from (the forge cannot cheaply list all of an organization's queued jobs). Jobs Hangar already knows are skipped;
/// the others go to the sink without a dedupe key, so the forward-only rule applies exactly as to a webhook.
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
                DemandLog.ListFailed(logger, $"queued-jobs:{forgeName}:{repository}", ErrorText.Describe(ex));
                continue;
            }

            foreach (var job in queued.Where(j => j.Status == JobStatus.Queued))
            {
                var jobEvent = ForgeJobEvents.From(forgeName, repository, owner, enterprise, job, []);
                if (await store.GetJobAsync(jobEvent.Key, ct).ConfigureAwait(false) is not null)
                {
                    continue;
                }

                if (await sink.SubmitAsync(jobEvent, ct).ConfigureAwait(false) == JobEventOutcome.Created)
                {
                    metrics.LoopAction(Name, "discovered");
                    DemandLog.JobDiscovered(logger, forgeName, job.Id, repository);
                }
            }
        }
    }

    /// <summary>Repository pools' repositories, plus every repository with a recent job that an organization or
    /// enterprise pool serves.</summary>
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

    private static string OwnerOf(string repository)
    {
        var slash = repository.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? repository : repository[..slash];
    }
}
