using Hangar.Core.Instances;
using Hangar.Core.Pools;

namespace Hangar.Core.Planning;

/// <summary>The planner's age rules: when an instance must go because of its age alone, shared with the reaper.</summary>
public static partial class Planner
{
    private static readonly TimeSpan TtlMarginFloor = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Why a live instance must go because of its age alone: past its TTL, or not running yet past its boot deadline
    /// (a stopped machine has none: it waits for a job until its TTL);
    /// a busy one only past the hard cap (<see cref="HardCap"/>), since it is drained after its job anyway.
    /// Shared by the planner (expired instances are not supply) and the reaper loop (which destroys them on its own timer).
    /// </summary>
    public static DestroyReason? ExpiryReason(Instance instance, PoolSpec pool, DateTimeOffset now)
    {
        if (instance.State is InstanceState.Deleting or InstanceState.Deleted)
        {
            return null;
        }

        // A machine started from the stopped tier has its running life from its start.
        var age = now - instance.LifeStartedAt;
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
        return now - instance.LifeStartedAt >= pool.Ttl - margin;
    }
}
