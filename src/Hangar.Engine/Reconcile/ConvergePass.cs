using Hangar.Core.Forges;
using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Planning;
using Hangar.Core.Storage;
using Hangar.Core.Telemetry;
using Hangar.Engine.Actuation;
using Hangar.Engine.Leases;
using Microsoft.Extensions.Logging;

namespace Hangar.Engine.Reconcile;

/// <summary>
/// One level-triggered pass: read the stored state, bring instances in line with what jobs say, plan, and hand the plan
/// to the actuator. Running it twice in a row is harmless: the second pass finds nothing to do. Its forge calls (minting,
/// removal) are provisioning, which a forge's request budget never holds back. With several replicas every replica
/// plans every pool (routing needs them all), writes routes only under the routing lease, and acts only on the pools
/// it owns, each under its pool's lease (<see cref="PoolOwnership"/>).
/// </summary>
internal sealed class ConvergePass(
    IStore store,
    PoolCatalog pools,
    ProviderSet providers,
    Actuator actuator,
    Transitions transitions,
    PressureBoard pressure,
    ILeaseOwnership ownership,
    EngineOptions options,
    TimeProvider time,
    ILogger<ConvergePass> logger,
    OperatorRequests operators,
    ILiveView? view = null,
    ForecastFeed? forecasts = null) : IReconcilePass
{
    // The view's version when the last pass applied job events to instances: unchanged, there is nothing new to apply.
    private long _appliedAt = -1;

    public string Name => LoopNames.Converge;

    /// <summary>New jobs read per pass: each pass routes them (or marks them unroutable), so a burst larger than this is
    /// routed over a few passes.</summary>
    public const int NewJobsPerPass = 10_000;

    /// <summary>Each pool's routed jobs read per pass, at least (its <c>max_runners</c> when larger): a pool never runs
    /// more than <c>max_runners</c>, so more of its demand than that changes nothing in its plan.</summary>
    public const int RoutedJobsPerPool = 1_000;

    /// <summary>Unroutable jobs, and jobs routed to a pool since removed, re-routed per pass (newest first).</summary>
    public const int ReroutedJobsPerPass = 1_000;

    public TimeSpan Interval => options.ConvergeInterval;

    public ForgePriority ForgePriority => ForgePriority.Provision;

    public bool ActsPerPool => true;

    Task IReconcilePass.RunAsync(CancellationToken cancellationToken) => RunAsync(cancellationToken);

    public async Task<Plan> RunAsync(CancellationToken cancellationToken)
    {
        if (view is not null)
        {
            return await RunOnViewAsync(view, cancellationToken).ConfigureAwait(false);
        }

        var instances = await store.ListInstancesAsync(InstanceQuery.Live, cancellationToken).ConfigureAwait(false);
        if (await ApplyJobsToInstancesAsync(instances, cancellationToken).ConfigureAwait(false))
        {
            instances = await store.ListInstancesAsync(InstanceQuery.Live, cancellationToken).ConfigureAwait(false);
        }

        // Jobs are read after the instances, never before: a job that left the queue in between then simply is no
        // demand, while its runner still counts (an older picture of instances errs towards supply). Read the other way
        // round, a job that finished during the pass was planned as demand after its runner had been moved to draining,
        // and a spare runner was made that then held the next job's demand (issue 17: ConvergeRaceTests).
        var queuedJobs = await ReadQueuedJobsAsync(cancellationToken).ConfigureAwait(false);
        return await PlanAndExecuteAsync(instances, queuedJobs, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The same pass over the in-memory view: no query when nothing changed, and the job events are applied to instances
    /// only when the view moved since they last were. The view reads instances before jobs, as above.
    /// </summary>
    private async Task<Plan> RunOnViewAsync(ILiveView live, CancellationToken ct)
    {
        var snapshot = await live.ReadAsync(ct).ConfigureAwait(false);
        if (snapshot.Version != _appliedAt && await ApplyJobsToInstancesAsync(snapshot.Instances, ct).ConfigureAwait(false))
        {
            snapshot = await live.ReadAsync(ct).ConfigureAwait(false);
        }

        _appliedAt = snapshot.Version;
        var queued = snapshot.OpenJobs.Where(j => j.Status == JobStatus.Queued).ToList();
        return await PlanAndExecuteAsync(snapshot.Instances, queued, ct).ConfigureAwait(false);
    }

    private async Task<Plan> PlanAndExecuteAsync(IReadOnlyList<Instance> instances, IReadOnlyList<Job> queuedJobs, CancellationToken ct)
    {
        instances = SettleRemovedProviders(instances);
        // Before the pools are read: an operator's override (maybe stored by another replica) applies to this plan.
        var removals = await operators.RefreshAsync(ct).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var plan = Planner.Plan(new PlannerInput(pools.All, queuedJobs, instances, now)
        {
            ScaleSetAssignedJobs = await ReadScaleSetAssignedJobsAsync(ct).ConfigureAwait(false),
            Removals = removals,
            Forecasts = forecasts is null ? new Dictionary<string, Core.Planning.Policies.PoolForecast>()
                : await forecasts.ForecastAsync(pools.All, queuedJobs, instances, now, ct).ConfigureAwait(false),
        });
        forecasts?.Routed(plan.Routes, queuedJobs);
        await ExecuteAsync(plan, instances, ct).ConfigureAwait(false);

        // After the routes are stored, so a job queued before this pass counts in its flavor's pressure when it ends.
        await pressure.RefreshAsync(ct).ConfigureAwait(false);
        return plan;
    }

    /// <summary>
    /// The queued jobs the planner needs, bounded in memory however many open jobs are stored, and read so that none can
    /// hide another: jobs not routed yet, each pool's own, and those to route again (unroutable, or routed to a pool
    /// since removed) are separate reads. Jobs waiting for an approval or in progress are no demand and are not read;
    /// thousands of them, or of another pool's queued jobs, never keep a new job from being routed and served.
    /// </summary>
    private async Task<IReadOnlyList<Job>> ReadQueuedJobsAsync(CancellationToken ct)
    {
        var queued = new JobQuery { Statuses = [JobStatus.Queued] };
        var jobs = new List<Job>(await store.ListJobsAsync(queued with { Routing = JobRouting.Unrouted, Limit = NewJobsPerPass }, ct).ConfigureAwait(false));
        foreach (var pool in pools.All)
        {
            jobs.AddRange(await store.ListJobsAsync(queued with { Pool = pool.Name, Limit = Math.Max(pool.MaxRunners, RoutedJobsPerPool) }, ct).ConfigureAwait(false));
        }

        // Newest first: an old job no pool could serve is likely over at the forge (the stale-jobs pass closes it).
        var again = queued with { Order = ListOrder.NewestFirst, Limit = ReroutedJobsPerPass };
        jobs.AddRange(await store.ListJobsAsync(again with { Routing = JobRouting.Unroutable }, ct).ConfigureAwait(false));
        jobs.AddRange(await store.ListJobsAsync(again with { RoutedOutside = [.. pools.All.Select(p => p.Name)] }, ct).ConfigureAwait(false));
        return jobs;
    }

    /// <summary>Each scale-set pool's assigned jobs from its listener's cursor (none before the listener's first session).</summary>
    private async Task<IReadOnlyDictionary<string, int>> ReadScaleSetAssignedJobsAsync(CancellationToken ct)
    {
        if (!pools.All.Any(p => p.ScaleSet is not null))
        {
            return new Dictionary<string, int>();
        }

        var cursors = await store.ListScaleSetCursorsAsync(ct).ConfigureAwait(false);
        return cursors
            .Where(c => pools.Find(c.Pool) is { ScaleSet: not null } pool && string.Equals(pool.Forge, c.Forge, StringComparison.Ordinal))
            .ToDictionary(c => c.Pool, c => c.AssignedJobs, StringComparer.Ordinal);
    }

    /// <summary>
    /// Instances whose provider is no longer configured (removed or renamed) can be neither made nor destroyed: each is
    /// handed to the actuator to be settled once, and left out of the plan, so its pool gets a replacement. A busy one
    /// stays (and counts) until its job is over.
    /// </summary>
    private IReadOnlyList<Instance> SettleRemovedProviders(IReadOnlyList<Instance> instances)
    {
        var unreachable = instances.Where(i => i.State != InstanceState.Busy && !providers.Contains(i.Provider)).ToList();
        foreach (var instance in unreachable)
        {
            if (ownership.OwnerOfPool(pools, instance.Pool) is { } owner)
            {
                using (owner.Enter())
                {
                    actuator.StartForgetRemovedProvider(instance);
                }
            }
        }

        return unreachable.Count == 0 ? instances : [.. instances.Except(unreachable)];
    }

    /// <summary>A job event names the runner that took the job: mark that runner busy, or draining once the job is done.</summary>
    private async Task<bool> ApplyJobsToInstancesAsync(IReadOnlyList<Instance> instances, CancellationToken ct)
    {
        var candidates = instances
            .Where(i => i.State is InstanceState.Booting or InstanceState.Idle or InstanceState.Busy)
            .ToDictionary(i => i.Name, StringComparer.Ordinal);
        if (candidates.Count == 0)
        {
            return false;
        }

        var jobs = await store.ListJobsAsync(
            new JobQuery
            {
                Statuses = [JobStatus.InProgress, JobStatus.Completed],
                RunnerNames = [.. candidates.Keys],
                UpdatedSince = time.GetUtcNow() - options.CompletedJobLookback,
            },
            ct).ConfigureAwait(false);

        var changed = false;
        foreach (var job in jobs)
        {
            // A job Hangar closed itself (the forge stopped knowing it) says nothing about its runner, which may still
            // be running it: the runner's own state (runner-status, store-ghosts) decides when it is done.
            if (job.CloseReason is not null || job.RunnerName is null || !candidates.TryGetValue(job.RunnerName, out var instance)
                || ownership.OwnerOfPool(pools, instance.Pool) is not { } owner)
            {
                continue;
            }

            using var fenced = owner.Enter();

            var took = new InstanceChanges { JobId = job.Id, ForgeRunnerId = job.RunnerId };
            if (instance.State is InstanceState.Booting or InstanceState.Idle
                && await transitions.TryMoveAsync(instance.Name, InstanceState.Busy, $"took job {job.Id}", took, ct).ConfigureAwait(false) is { } busy)
            {
                changed = true;
                InstanceTrace.StartJobStep(InstanceTrace.JobStartedSpanName, busy, job.Key)?.Dispose();
            }

            if (job.Status == JobStatus.Completed
                && await transitions.TryMoveAsync(instance.Name, InstanceState.Draining, $"job {job.Id} completed", took, ct).ConfigureAwait(false) is { } drained)
            {
                changed = true;
                InstanceTrace.StartJobStep(InstanceTrace.JobCompletedSpanName, drained, job.Key, job.StartedAt)?.Dispose();
            }
        }

        return changed;
    }

    private async Task ExecuteAsync(Plan plan, IReadOnlyList<Instance> instances, CancellationToken ct)
    {
        // Routes are written by one replica only (the routing lease's holder), so no job is routed two ways.
        var routes = new List<JobRouteWrite>(plan.Routes.Count + plan.Unroutable.Count);
        var routing = ownership.TryGet(LeaseNames.Routing);
        if (routing is not null)
        {
            routes.AddRange(plan.Routes.Select(r => new JobRouteWrite(r.Job, r.Pool, null)));
            foreach (var unroutable in plan.Unroutable)
            {
                ReconcileLog.Unroutable(logger, unroutable.Job.Forge, unroutable.Job.Id, unroutable.Reason);
                routes.Add(new JobRouteWrite(unroutable.Job, null, unroutable.Reason));
            }
        }

        var creates = PlanIntents.Make(plan, pools, ownership, actuator, logger);

        using (var traces = new PlanTraces())
        {
            creates = traces.Open(plan, routing is not null, creates);
            try
            {
                await new PlanWrites(store, ownership, time).StoreAsync(routing, routes, creates, ct).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                traces.Failed(ex);
                throw;
            }
        }

        foreach (var (owner, intents) in creates)
        {
            using (owner.Enter())
            {
                actuator.StartCreates(intents);
            }
        }

        var byName = instances.ToDictionary(i => i.Name, StringComparer.Ordinal);
        void OnOwned(string name, Action<Instance> act)
        {
            if (byName.TryGetValue(name, out var instance) && ownership.OwnerOfPool(pools, instance.Pool) is { } owner)
            {
                using (owner.Enter())
                {
                    act(instance);
                }
            }
        }

        foreach (var start in plan.Starts)
        {
            OnOwned(start.Instance, actuator.StartStopped);
        }

        foreach (var destroy in plan.Destroys)
        {
            OnOwned(destroy.Instance, instance => actuator.StartDestroy(instance, destroy.Reason));
        }

        foreach (var pool in instances.GroupBy(i => i.Pool, StringComparer.Ordinal))
        {
            if (ownership.OwnerOfPool(pools, pool.Key) is { } owner)
            {
                using (owner.Enter())
                {
                    actuator.ResumeUnfinished(pool);
                }
            }
        }
    }
}
