namespace Hangar.Engine;

/// <summary>
/// One circuit breaker per pool over its create attempts. A missing image or a bad mount fails every attempt the same
/// way, and each attempt mints (and then removes) a forge registration: after <see cref="CreateBreakerPolicy.Failures"/>
/// failures in a row the pool is <see cref="PoolState.Degraded"/> and no attempt is started for
/// <see cref="CreateBreakerPolicy.OpenFor"/>; then one attempt is let through as a probe (<see cref="PoolState.Probing"/>):
/// its success closes the breaker, its failure opens it again for twice as long. Instances held back stay pending
/// under their names, without an attempt counted, and go on once the pool is ok.
/// </summary>
/// <remarks>
/// The state is kept in memory: a restart forgets it, and the first attempts after a restart are tried at once (a
/// cause still there opens the breaker again after the same number of failures).
/// </remarks>
public sealed class CreateBreaker
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Breaker> _pools = new(StringComparer.Ordinal);
    private readonly PoolCatalog _catalog;
    private readonly CreateBreakerPolicy _policy;
    private readonly TimeProvider _time;
    private readonly EngineMetrics _metrics;

    internal CreateBreaker(PoolCatalog catalog, EngineOptions options, TimeProvider time, EngineMetrics metrics)
    {
        _catalog = catalog;
        _policy = options.Loops.CreateBreaker;
        _time = time;
        _metrics = metrics;
        metrics.ObservePools(() => _catalog.All.Select(p => Condition(p.Name)));
    }

    /// <summary>The breaker of <paramref name="pool"/> as it stands now.</summary>
    public PoolCondition Condition(string pool)
    {
        lock (_lock)
        {
            if (!_pools.TryGetValue(pool, out var b))
            {
                return new PoolCondition { Pool = pool };
            }

            var state = b.Open ? (b.ProbeInFlight ? PoolState.Probing : PoolState.Degraded) : PoolState.Ok;
            return new PoolCondition
            {
                Pool = pool,
                State = state,
                ConsecutiveFailures = b.Failures,
                LastError = b.LastError,
                DegradedSince = b.Open ? b.DegradedSince : null,
                RetryAt = state == PoolState.Degraded ? b.OpenUntil : null,
            };
        }
    }

    /// <summary>
    /// Whether a create attempt of <paramref name="pool"/> may start now; null when the pool is degraded. The caller
    /// reports how the attempt ended with <see cref="Succeeded"/>, <see cref="Failed"/> or <see cref="Abandoned"/>.
    /// </summary>
    internal CreateAdmission? TryAdmit(string pool)
    {
        lock (_lock)
        {
            if (!_pools.TryGetValue(pool, out var b) || !b.Open)
            {
                return new CreateAdmission(pool, IsProbe: false);
            }

            if (b.ProbeInFlight || _time.GetUtcNow() < b.OpenUntil)
            {
                return null;
            }

            b.ProbeInFlight = true;
            return new CreateAdmission(pool, IsProbe: true);
        }
    }

    /// <summary>The attempt made its machine. True when this ended a degraded spell.</summary>
    internal bool Succeeded(CreateAdmission admission)
    {
        lock (_lock)
        {
            if (!_pools.Remove(admission.Pool, out var b))
            {
                return false;
            }

            return b.Open;
        }
    }

    /// <summary>The attempt failed. Returns how long the pool is now degraded for, when this failure (re)opened the breaker.</summary>
    internal TimeSpan? Failed(CreateAdmission admission, string error)
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (!_pools.TryGetValue(admission.Pool, out var b))
            {
                b = new Breaker();
                _pools[admission.Pool] = b;
            }

            b.Failures++;
            b.LastError = error;
            if (b.Open && !admission.IsProbe)
            {
                // Admitted before the breaker opened: it adds to the count but does not open it again.
                return null;
            }

            if (!b.Open && b.Failures < _policy.Failures)
            {
                return null;
            }

            if (!b.Open)
            {
                b.Open = true;
                b.DegradedSince = now;
            }

            b.ProbeInFlight = false;
            b.Trips++;
            var openFor = _policy.OpenFor(b.Trips);
            b.OpenUntil = now + openFor;
            _metrics.BreakerTripped(admission.Pool);
            return openFor;
        }
    }

    /// <summary>The attempt ended with neither outcome (shut down, or the instance moved on): a probe may be tried again.</summary>
    internal void Abandoned(CreateAdmission admission)
    {
        if (!admission.IsProbe)
        {
            return;
        }

        lock (_lock)
        {
            if (_pools.TryGetValue(admission.Pool, out var b))
            {
                b.ProbeInFlight = false;
            }
        }
    }

    private sealed class Breaker
    {
        public int Failures;
        public string? LastError;
        public bool Open;
        public bool ProbeInFlight;
        public int Trips;
        public DateTimeOffset DegradedSince;
        public DateTimeOffset OpenUntil;
    }
}
