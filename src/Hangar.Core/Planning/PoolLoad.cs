namespace Hangar.Core.Planning;

/// <summary>
/// What the planner counts for one pool while it reads the input, a value in an array indexed like the pool list (see
/// <see cref="PoolIndex"/>). A policy that needs another per-pool count (warm pools, pressure, scale sets) adds a field
/// here and reads it in <see cref="Planner"/>'s per-pool step.
/// </summary>
internal struct PoolLoad
{
    /// <summary>Pending, provisioning, booting and idle instances that are not near their TTL.</summary>
    public int Supply;

    public int Busy;

    /// <summary>Queued jobs routed to the pool (already, or in this plan).</summary>
    public int Demand;

    /// <summary>Not yet expired but too close to its TTL to count as supply; it still holds a slot.</summary>
    public int Expiring;

    /// <summary>Idle instances among <see cref="Supply"/>: candidates for retirement when supply exceeds demand.</summary>
    public int Idle;

    /// <summary>Stopped-tier machines ready to start (<see cref="Instances.InstanceState.Stopped"/>); not supply until started.</summary>
    public int Stopped;

    /// <summary>Stopped-tier intents still being made (pending, provisioning).</summary>
    public int Preparing;

    /// <summary>Idle runners to keep beyond demand, from the pool's warm policy (<see cref="Policies.WarmTargets"/>).</summary>
    public int Warm;

    public readonly int Load => Supply + Busy + Demand;
}
