namespace Hangar.Engine;

/// <summary>Whether a pool's creates are being tried (<see cref="CreateBreaker"/>).</summary>
public enum PoolState
{
    /// <summary>Creates are tried as they come.</summary>
    Ok,

    /// <summary>Creates kept failing: none is tried until <see cref="PoolCondition.RetryAt"/>.</summary>
    Degraded,

    /// <summary>Degraded, and one create is being tried to see whether the cause is gone.</summary>
    Probing,
}
