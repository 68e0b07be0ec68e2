namespace Hangar.Engine;

/// <summary>
/// Intervals and thresholds of the reconciler loops other than converge and runner status (whose intervals are
/// <see cref="EngineOptions.ConvergeInterval"/> and <see cref="EngineOptions.ObserveInterval"/>). Configured under
/// <c>server.loops</c>.
/// </summary>
public sealed record ReconcileOptions
{
    /// <summary>Boot-timeout and TTL reaper.</summary>
    public TimeSpan ReaperInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Webhook delivery ids older than <see cref="EngineOptions.DeliveryRetention"/> are forgotten.</summary>
    public TimeSpan DeliveryPruneInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Store instances whose machine is gone or exited at the provider.</summary>
    public TimeSpan StoreGhostsInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Machines with our controller id that the store does not know.</summary>
    public TimeSpan ProviderOrphansInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Runner registrations with our name prefix and no live instance.</summary>
    public TimeSpan ForgeOrphansInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>A registration must look orphaned for at least this long (across passes) before it is removed.</summary>
    public TimeSpan ForgeOrphanGrace { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Open jobs (waiting, queued, in progress) re-checked at the forge, and unknown queued jobs looked for.</summary>
    public TimeSpan StaleJobsInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>A job not updated for this long is re-checked at the forge (at most once per this period).</summary>
    public TimeSpan StaleJobAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>At most this many forge job look-ups per pass, oldest first (protects the API rate limit).</summary>
    public int StaleJobsPerPass { get; init; } = 200;

    /// <summary>A job the forge answers "not found" for on this many look-ups in a row (at least <see cref="StaleJobAfter"/>
    /// apart) is closed with its reason, and no longer looked up.</summary>
    public int CloseUnknownJobsAfter { get; init; } = 3;

    /// <summary>Look for queued jobs no webhook announced (GitHub: list queued runs per repository).</summary>
    public bool SweepQueuedRuns { get; init; } = true;

    /// <summary>Pending instances whose failed create is due for another attempt.</summary>
    public TimeSpan CreateRetryInterval { get; init; } = TimeSpan.FromSeconds(5);

    public CreateRetryPolicy CreateRetry { get; init; } = new();

    /// <summary>The retention loop: deletes what <see cref="Retention"/> no longer keeps.</summary>
    public TimeSpan RetentionInterval { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Completed jobs and deleted instances (with their history) are kept this long after their last change.</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Rows deleted per write: each batch is its own short transaction, so the writer is never held long.</summary>
    public int RetentionBatch { get; init; } = 500;

    /// <summary>When a pool whose creates keep failing stops trying for a while (configured under <c>create_retry</c>).</summary>
    public CreateBreakerPolicy CreateBreaker { get; init; } = new();

    /// <summary>Managed runner groups re-read and, where they drifted, corrected.</summary>
    public TimeSpan RunnerGroupsInterval { get; init; } = TimeSpan.FromMinutes(5);
}
