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
        var poolsByName = new Dictionary<string, PoolSpec>(pools.Count, StringComparer.Ordinal);
        foreach (var pool in pools)
        {
            poolsByName[pool.Name] = pool;
        }

        var stats = new Dictionary<string, PoolTally>(pools.Count, StringComparer.Ordinal);
        foreach (var pool in pools)
        {
            stats[pool.Name] = new PoolTally();
        }

        var destroys = new List<InstanceDestroy>();
        foreach (var instance in input.Instances)
        {
            if (instance.State == InstanceState.Deleted)
            {
                continue;
            }

            if (!poolsByName.TryGetValue(instance.Pool, out var pool))
            {
                if (instance.State is not InstanceState.Deleting and not InstanceState.Busy)
                {
                    destroys.Add(new InstanceDestroy(instance.Name, instance.Pool, DestroyReason.PoolRemoved));
                }

                continue;
            }

            var tally = stats[pool.Name];
            var reason = DestroyReasonFor(instance, pool, input.Now);
            if (reason is { } r)
            {
                destroys.Add(new InstanceDestroy(instance.Name, pool.Name, r));
                continue;
            }

            if (InstanceLifecycle.IsSupply(instance.State) && IsNearTtl(instance, pool, input.Now))
            {
                tally.Expiring++;
            }
            else if (InstanceLifecycle.IsSupply(instance.State))
            {
                tally.Supply++;
                if (instance.State == InstanceState.Idle)
                {
                    tally.Idle.Add(instance);
                }
            }
            else if (instance.State == InstanceState.Busy)
            {
                tally.Busy++;
            }
        }

        // Jobs whose stored route still holds are counted first, so that every new job is routed against the full
        // load of each pool, whatever order the jobs arrive in.
        var toRoute = new List<Job>();
        foreach (var job in input.Jobs)
        {
            if (job.Status != JobStatus.Queued)
            {
                continue;
            }

            if (job.Pool is { } routed && poolsByName.TryGetValue(routed, out var current) && JobRouter.CanServe(current, job))
            {
                stats[routed].Demand++;
            }
            else
            {
                toRoute.Add(job);
            }
        }

        var routes = new List<JobRoute>();
        var unroutable = new List<UnroutableJob>();
        foreach (var job in toRoute)
        {
            var chosen = JobRouter.Route(job, pools, name => stats[name].Load);
            if (chosen is null)
            {
                var reason = JobRouter.UnroutableReason(job);
                if (job.UnroutableReason != reason || job.Pool is not null)
                {
                    unroutable.Add(new UnroutableJob(job.Key, reason));
                }

                continue;
            }

            stats[chosen.Name].Demand++;
            routes.Add(new JobRoute(job.Key, chosen.Name));
        }

        var creates = new List<PoolCreate>();
        foreach (var pool in pools)
        {
            var tally = stats[pool.Name];
            if (input.ScaleSetAssignedJobs.TryGetValue(pool.Name, out var assigned))
            {
                tally.Demand = ScaleSetDemand.Of(assigned, tally.Busy);
            }

            var minIdle = pool.Enabled ? pool.MinIdle : 0;
            var wanted = Math.Max(0, tally.Demand + minIdle - tally.Supply);
            var room = Math.Max(0, pool.MaxRunners - (tally.Supply + tally.Busy + tally.Expiring));
            var create = pool.Enabled ? Math.Min(wanted, room) : 0;
            if (create > 0)
            {
                creates.Add(new PoolCreate(pool.Name, create));
            }

            var surplus = tally.Supply - (tally.Demand + minIdle);
            if (surplus > 0 && tally.Idle.Count > 0)
            {
                // Oldest idle first: it has waited longest for a job that did not come.
                foreach (var idle in tally.Idle.OrderBy(i => i.StateChangedAt).ThenBy(i => i.Name, StringComparer.Ordinal))
                {
                    if (surplus == 0)
                    {
                        break;
                    }

                    if (input.Now - idle.StateChangedAt >= pool.IdleGrace)
                    {
                        destroys.Add(new InstanceDestroy(idle.Name, pool.Name, DestroyReason.IdleSurplus));
                        surplus--;
                    }
                }
            }
        }

        return new Plan { Routes = routes, Unroutable = unroutable, Creates = creates, Destroys = destroys };
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

    private sealed class PoolTally
    {
        public int Supply;
        public int Busy;
        public int Demand;

        /// <summary>Not yet expired but too close to its TTL to count as supply; it still holds a slot.</summary>
        public int Expiring;
        public readonly List<Instance> Idle = [];

        public int Load => Supply + Busy + Demand;
    }
}
