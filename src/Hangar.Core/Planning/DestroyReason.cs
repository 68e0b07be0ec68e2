namespace Hangar.Core.Planning;

public enum DestroyReason
{
    /// <summary>Still not running past the pool's boot timeout.</summary>
    BootTimeout,

    /// <summary>Older than the pool's TTL and not running a job.</summary>
    Ttl,

    /// <summary>Idle beyond <c>min_idle</c> and the demand, past the idle grace period.</summary>
    IdleSurplus,

    /// <summary>Its job is done (or it was retired): clean it up.</summary>
    Drained,

    /// <summary>Creation failed: clean up whatever was made.</summary>
    Failed,

    /// <summary>Its pool is gone from the configuration.</summary>
    PoolRemoved,

    /// <summary>Still running a job at the pool's TTL + <c>max_job_duration</c>: killed, job and all. An operator's forced
    /// removal is one too (<see cref="PlannerInput.Removals"/>).</summary>
    HardCap,

    /// <summary>An operator asked for it to go and it holds no job (a busy one waits for its job to end).</summary>
    Removed,

    /// <summary>A stopped machine beyond <c>min_stopped</c> (lowered, or the pool disabled).</summary>
    StoppedSurplus,
}
