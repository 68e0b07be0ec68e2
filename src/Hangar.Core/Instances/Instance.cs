using Hangar.Core.Pools;

namespace Hangar.Core.Instances;

/// <summary>One runner environment (container, VM, process) Hangar owns, from intent to deletion.</summary>
public sealed record Instance
{
    /// <summary>Deterministic, unique name. Written before any side effect so a retry finds what a crashed attempt made.</summary>
    public required string Name { get; init; }

    public required string Pool { get; init; }

    public required string Provider { get; init; }

    public required InstanceState State { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset StateChangedAt { get; init; }

    /// <summary>The provider's own id (container id, pid, ...), once known.</summary>
    public string? ProviderId { get; init; }

    /// <summary>The runner's id at the forge, once registered.</summary>
    public long? ForgeRunnerId { get; init; }

    /// <summary>The job this runner took, once known.</summary>
    public long? JobId { get; init; }

    /// <summary>How many times creation was attempted.</summary>
    public int Attempts { get; init; }

    /// <summary>The reason given for the latest transition.</summary>
    public string? LastReason { get; init; }

    /// <summary>The latest error, when something failed.</summary>
    public string? LastError { get; init; }

    /// <summary>
    /// The forge the runner's registration is minted at: the pool's when the intent was stored, so the registration can
    /// be removed after the pool is gone or moved. Null on rows stored before it was kept.
    /// </summary>
    public string? Forge { get; init; }

    /// <summary>Where at <see cref="Forge"/> the registration is minted (the pool's target when the intent was stored).</summary>
    public ForgeTarget? Target { get; init; }

    /// <summary>
    /// Made for the stopped tier (<c>min_stopped</c>): its create ends at <see cref="InstanceState.Stopped"/>, without
    /// a credential, and it is started for a job later.
    /// </summary>
    public bool StoppedTier { get; init; }

    /// <summary>When a stopped machine was started for a job; its boot timeout and TTL count from here, not from
    /// <see cref="CreatedAt"/>. Null for a machine started at create.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Where the running life's boot timeout and TTL count from.</summary>
    public DateTimeOffset LifeStartedAt => StartedAt ?? CreatedAt;

    /// <summary>
    /// The W3C <c>traceparent</c> of the span that made this intent (<see cref="Telemetry.InstanceTrace"/>): every later
    /// step of the instance (credential, provider create, runner online, its job) hangs under it, in whichever process
    /// takes that step. Null when no trace listener was active then. Never a secret.
    /// </summary>
    public string? TraceParent { get; init; }
}
