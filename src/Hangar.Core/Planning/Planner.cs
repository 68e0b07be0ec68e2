using System.Buffers;
using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Pools;

namespace Hangar.Core.Planning;

/// <summary>
/// The pure planner: <c>(pools, jobs, instances, now) → plan</c>. No I/O and no clock of its own, so the same input
/// always gives the same plan.
/// </summary>
public static class Planner
{
    private static readonly TimeSpan TtlMarginFloor = TimeSpan.FromMinutes(1);

    public static Plan Plan(PlannerInput input)
    {
        var pools = input.Pools;
        var index = PoolIndex.For(pools);

        // One value per pool, indexed like the pool list, from a shared pool: nothing per pool is allocated per call.
        var loads = ArrayPool<PoolLoad>.Shared.Rent(pools.Count);
        try
        {
            Array.Clear(loads, 0, pools.Count);
            var destroys = new List<InstanceDestroy>();
            CountInstances(input, index, loads, destroys);
            var (routes, unroutable) = CountAndRouteJobs(input, index, loads);

            var creates = new List<PoolCreate>();
            List<int>? retiring = null;
            for (var i = 0; i < pools.Count; i++)
            {
                var pool = pools[i];
                ref var load = ref loads[i];
                if (input.ScaleSetAssignedJobs.Count > 0 && input.ScaleSetAssignedJobs.TryGetValue(pool.Name, out var assigned))
                {
                    // A scale set's demand is what GitHub assigned it, less the jobs its busy runners already hold.
                    load.Demand = ScaleSetDemand.Of(assigned, load.Busy);
                }

                var minIdle = pool.Enabled ? pool.MinIdle : 0;
                var wanted = Math.Max(0, load.Demand + minIdle - load.Supply);
                var room = Math.Max(0, pool.MaxRunners - (load.Supply + load.Busy + load.Expiring));
                // A pressure-only pool's runners are made outside Hangar, by whoever follows its pressure.
                var create = pool.Enabled && !pool.IsPressureOnly ? Math.Min(wanted, room) : 0;
                if (create > 0)
                {
                    creates.Add(new PoolCreate(pool.Name, create));
                }

                if (load.Supply - (load.Demand + minIdle) > 0 && load.Idle > 0)
                {
                    (retiring ??= []).Add(i);
                }
            }

            if (retiring is not null)
            {
                RetireIdleSurplus(input, index, loads, retiring, destroys);
            }

            return new Plan { Routes = routes, Unroutable = unroutable, Creates = creates, Destroys = destroys };
        }
        finally
        {
            ArrayPool<PoolLoad>.Shared.Return(loads);
        }
    }

    private static InstanceRole Classify(Instance instance, PoolSpec pool, DateTimeOffset now, out DestroyReason reason)
    {
        reason = default;
        if (DestroyReasonFor(instance, pool, now) is { } r)
        {
            reason = r;
            return InstanceRole.Destroy;
        }

        if (InstanceLifecycle.IsSupply(instance.State))
        {
            return IsNearTtl(instance, pool, now) ? InstanceRole.Expiring
                : instance.State == InstanceState.Idle ? InstanceRole.Idle
                : InstanceRole.Supply;
        }

        return instance.State == InstanceState.Busy ? InstanceRole.Busy : InstanceRole.None;
    }

    private static void CountInstances(PlannerInput input, PoolIndex index, PoolLoad[] loads, List<InstanceDestroy> destroys)
    {
        foreach (var instance in input.Instances)
        {
            // An exec machine is its hangar exec's (ExecLeftovers removes it once that is gone): neither supply nor surplus.
            if (instance.State == InstanceState.Deleted || ExecInstanceName.IsExec(instance.Name))
            {
                continue;
            }

            var position = index.Find(instance.Pool);
            if (position < 0)
            {
                if (instance.State is not InstanceState.Deleting and not InstanceState.Busy)
                {
                    destroys.Add(new InstanceDestroy(instance.Name, instance.Pool, DestroyReason.PoolRemoved));
                }

                continue;
            }

            var pool = input.Pools[position];
            ref var load = ref loads[position];
            switch (Classify(instance, pool, input.Now, out var reason))
            {
                case InstanceRole.Destroy:
                    destroys.Add(new InstanceDestroy(instance.Name, pool.Name, reason));
                    break;
                case InstanceRole.Expiring:
                    load.Expiring++;
                    break;
                case InstanceRole.Idle:
                    load.Supply++;
                    load.Idle++;
                    break;
                case InstanceRole.Supply:
                    load.Supply++;
                    break;
                case InstanceRole.Busy:
                    load.Busy++;
                    break;
            }
        }
    }

    /// <summary>
    /// Jobs whose stored route still holds are counted first, so that every new job is routed against the full load of
    /// each pool, whatever order the jobs arrive in. A new job is matched against its target's pools only.
    /// </summary>
    private static (List<JobRoute> Routes, List<UnroutableJob> Unroutable) CountAndRouteJobs(PlannerInput input, PoolIndex index, PoolLoad[] loads)
    {
        var pools = input.Pools;
        List<Job>? toRoute = null;
        foreach (var job in input.Jobs)
        {
            if (job.Status != JobStatus.Queued)
            {
                continue;
            }

            var routed = job.Pool is { } name ? index.Find(name) : -1;
            if (routed >= 0 && JobRouter.CanServe(pools[routed], job))
            {
                loads[routed].Demand++;
            }
            else
            {
                (toRoute ??= []).Add(job);
            }
        }

        var routes = new List<JobRoute>();
        var unroutable = new List<UnroutableJob>();
        if (toRoute is null)
        {
            return (routes, unroutable);
        }

        Func<int, int> loadAt = i => loads[i].Load;
        foreach (var job in toRoute)
        {
            var chosen = JobRouter.RouteAmong(job, pools, index.Candidates(job), loadAt);
            if (chosen < 0)
            {
                var reason = JobRouter.UnroutableReason(job);
                if (job.UnroutableReason != reason || job.Pool is not null)
                {
                    unroutable.Add(new UnroutableJob(job.Key, reason));
                }

                continue;
            }

            loads[chosen].Demand++;
            routes.Add(new JobRoute(job.Key, pools[chosen].Name));
        }

        return (routes, unroutable);
    }

    /// <summary>
    /// Idle runners beyond demand and <c>min_idle</c>, oldest idle first (it has waited longest for a job that did not
    /// come), once past the idle grace. A second look at the instances, only when some pool has a surplus, so the common
    /// pass keeps no per-pool lists.
    /// </summary>
    private static void RetireIdleSurplus(PlannerInput input, PoolIndex index, PoolLoad[] loads, List<int> retiring, List<InstanceDestroy> destroys)
    {
        var idle = new Dictionary<int, List<Instance>>(retiring.Count);
        foreach (var position in retiring)
        {
            idle[position] = [];
        }

        foreach (var instance in input.Instances)
        {
            if (instance.State != InstanceState.Idle)
            {
                continue;
            }

            var position = index.Find(instance.Pool);
            if (position >= 0 && idle.TryGetValue(position, out var list) && Classify(instance, input.Pools[position], input.Now, out _) == InstanceRole.Idle)
            {
                list.Add(instance);
            }
        }

        foreach (var position in retiring)
        {
            var pool = input.Pools[position];
            var load = loads[position];
            var surplus = load.Supply - (load.Demand + (pool.Enabled ? pool.MinIdle : 0));
            foreach (var instance in idle[position].OrderBy(i => i.StateChangedAt).ThenBy(i => i.Name, StringComparer.Ordinal))
            {
                if (surplus == 0)
                {
                    break;
                }

                if (input.Now - instance.StateChangedAt >= pool.IdleGrace)
                {
                    destroys.Add(new InstanceDestroy(instance.Name, pool.Name, DestroyReason.IdleSurplus));
                    surplus--;
                }
            }
        }
    }

    private static DestroyReason? DestroyReasonFor(Instance instance, PoolSpec pool, DateTimeOffset now)
    {
        switch (instance.State)
        {
            case InstanceState.Deleting:
                return null;
            case InstanceState.Draining:
                return DestroyReason.Drained;
            case InstanceState.Failed:
                return DestroyReason.Failed;
        }

        return ExpiryReason(instance, pool, now);
    }

    /// <summary>
    /// Why a live instance must go because of its age alone: past its TTL, or not running yet past its boot deadline;
    /// a busy one only past the hard cap (<see cref="HardCap"/>), since it is drained after its job anyway.
    /// Shared by the planner (expired instances are not supply) and the reaper loop (which destroys them on its own timer).
    /// </summary>
    public static DestroyReason? ExpiryReason(Instance instance, PoolSpec pool, DateTimeOffset now)
    {
        if (instance.State is InstanceState.Deleting or InstanceState.Deleted)
        {
            return null;
        }

        var age = now - instance.CreatedAt;
        if (instance.State == InstanceState.Busy)
        {
            return age >= HardCap(pool) ? DestroyReason.HardCap : null;
        }

        if (age >= pool.Ttl)
        {
            return DestroyReason.Ttl;
        }

        if (instance.State is InstanceState.Pending or InstanceState.Provisioning or InstanceState.Booting && age >= pool.BootTimeout)
        {
            return DestroyReason.BootTimeout;
        }

        return null;
    }

    /// <summary>The age at which a runner still running a job is killed: <c>ttl + max_job_duration</c>.</summary>
    public static TimeSpan HardCap(PoolSpec pool) => pool.Ttl + pool.MaxJobDuration;

    /// <summary>
    /// An instance this close to its TTL is no longer counted as supply, so a replacement is made while it still
    /// stands and no job is planned onto it. The margin is the pool's idle grace, at least a minute (time for the
    /// replacement to boot) and at most a quarter of the TTL (a short TTL must leave a runner some useful life).
    /// </summary>
    public static bool IsNearTtl(Instance instance, PoolSpec pool, DateTimeOffset now)
    {
        var margin = TimeSpan.FromTicks(Math.Min(Math.Max(pool.IdleGrace.Ticks, TtlMarginFloor.Ticks), pool.Ttl.Ticks / 4));
        return now - instance.CreatedAt >= pool.Ttl - margin;
    }
}
