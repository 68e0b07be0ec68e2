using System.Buffers;
using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Planning.Policies;
using Hangar.Core.Pools;

namespace Hangar.Core.Planning;

/// <summary>
/// The pure planner: <c>(pools, jobs, instances, now) → plan</c>. No I/O and no clock of its own, so the same input
/// always gives the same plan.
/// </summary>
public static partial class Planner
{
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
            var stopped = new StoppedTier();
            List<int>? retiring = null;
            List<WarmCreate>? warmCreates = null;
            for (var i = 0; i < pools.Count; i++)
            {
                var pool = pools[i];
                ref var load = ref loads[i];
                if (input.ScaleSetAssignedJobs.Count > 0 && input.ScaleSetAssignedJobs.TryGetValue(pool.Name, out var assigned))
                {
                    // A scale set's demand is what GitHub assigned it, less the jobs its busy runners already hold.
                    load.Demand = ScaleSetDemand.Of(assigned, load.Busy);
                }

                var warm = pool.Enabled ? WarmTargets.For(pool, input.Now, input.Forecasts.GetValueOrDefault(pool.Name)) : default;
                var minIdle = load.Warm = warm.Count;
                var wanted = Math.Max(0, load.Demand + minIdle - load.Supply);
                var room = Math.Max(0, pool.MaxRunners - (load.Supply + load.Busy + load.Expiring + load.Stopped + load.Preparing));
                // A pressure-only pool's runners are made outside Hangar, by whoever follows its pressure.
                var acting = pool.Enabled && !pool.IsPressureOnly;
                // Hot supply first (counted above), then stopped machines started, then cold creates.
                var starts = acting ? Math.Min(wanted, load.Stopped) : 0;
                var create = acting ? Math.Min(wanted - starts, room) : 0;
                if (create > 0)
                {
                    creates.Add(new PoolCreate(pool.Name, create));
                    WarmCreate.Add(ref warmCreates, pool.Name, create, load.Demand - load.Supply, warm.Reason);
                }

                if (load.Stopped + load.Preparing > 0 || (acting && pool.MinStopped > 0))
                {
                    stopped.Decide(i, pool, load, starts, acting ? room - create : 0, acting);
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

            stopped.PickInstances(input, index, destroys);
            return new Plan
            {
                Routes = routes,
                Unroutable = unroutable,
                Creates = creates,
                Destroys = destroys,
                Starts = stopped.Starts,
                Prepares = stopped.Prepares,
                WarmCreates = warmCreates ?? [],
            };
        }
        finally
        {
            ArrayPool<PoolLoad>.Shared.Return(loads);
        }
    }

    private static InstanceRole Classify(Instance instance, PoolSpec pool, PlannerInput input, out DestroyReason reason)
    {
        reason = default;
        var now = input.Now;
        if ((DestroyReasonFor(instance, pool, now) ?? RemovalRule.Reason(instance, input.Removals)) is { } r)
        {
            reason = r;
            return InstanceRole.Destroy;
        }

        if (InstanceLifecycle.IsStoppedSupply(instance))
        {
            return instance.State == InstanceState.Stopped ? InstanceRole.Stopped : InstanceRole.Preparing;
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
                // A busy one finishes its job first, unless an operator forces its removal.
                var gone = instance.State is not InstanceState.Deleting and not InstanceState.Busy
                    ? DestroyReason.PoolRemoved : RemovalRule.Reason(instance, input.Removals);
                if (gone is { } why)
                {
                    destroys.Add(new InstanceDestroy(instance.Name, instance.Pool, why));
                }

                continue;
            }

            var pool = input.Pools[position];
            ref var load = ref loads[position];
            switch (Classify(instance, pool, input, out var reason))
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
                case InstanceRole.Stopped:
                    load.Stopped++;
                    break;
                case InstanceRole.Preparing:
                    load.Preparing++;
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
            if (position >= 0 && idle.TryGetValue(position, out var list) && Classify(instance, input.Pools[position], input, out _) == InstanceRole.Idle)
            {
                list.Add(instance);
            }
        }

        foreach (var position in retiring)
        {
            var pool = input.Pools[position];
            var load = loads[position];
            var surplus = load.Supply - (load.Demand + load.Warm);
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
}
