namespace Hangar.Engine;

/// <summary>A pool's create breaker as it stands: what <c>hangar pools list</c> and <c>GET /api/v1/pools</c> show.</summary>
public sealed record PoolCondition
{
    public required string Pool { get; init; }

    public PoolState State { get; init; }

    /// <summary>Failed create attempts in a row, with no success between.</summary>
    public int ConsecutiveFailures { get; init; }

    /// <summary>The latest of those failures; null once a create succeeds.</summary>
    public string? LastError { get; init; }

    /// <summary>When the pool became degraded; null while it is ok.</summary>
    public DateTimeOffset? DegradedSince { get; init; }

    /// <summary>When the next create (the probe) may be tried; null unless <see cref="PoolState.Degraded"/>.</summary>
    public DateTimeOffset? RetryAt { get; init; }
}
