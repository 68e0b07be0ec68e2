using Hangar.Core.Jobs;

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

    /// <summary>Still running a job at the pool's TTL + <c>max_job_duration</c>: killed, job and all.</summary>
    HardCap,
}

public sealed record JobRoute(JobKey Job, string Pool);

public sealed record UnroutableJob(JobKey Job, string Reason);

public sealed record PoolCreate(string Pool, int Count);

public sealed record InstanceDestroy(string Instance, string Pool, DestroyReason Reason);

/// <summary>What the provisioner should do now. Empty when the world matches the configuration.</summary>
public sealed record Plan
{
    public IReadOnlyList<JobRoute> Routes { get; init; } = [];

    public IReadOnlyList<UnroutableJob> Unroutable { get; init; } = [];

    public IReadOnlyList<PoolCreate> Creates { get; init; } = [];

    public IReadOnlyList<InstanceDestroy> Destroys { get; init; } = [];

    public bool IsEmpty => Routes.Count == 0 && Unroutable.Count == 0 && Creates.Count == 0 && Destroys.Count == 0;
}
