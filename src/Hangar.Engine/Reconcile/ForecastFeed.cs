using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Planning.Policies;
using Hangar.Core.Pools;
using Hangar.Core.Storage;
using Hangar.Engine.Actuation;

namespace Hangar.Engine.Reconcile;

/// <summary>
/// Feeds the converge pass's <see cref="DemandForecaster"/>. Each pass reads the jobs updated since the last one and
/// counts each newly queued job once, at its queue time, for its pool: the pool it was routed to, or the pool of the
/// runner that took it (a warm runner may take a job before any pass has seen it queued). On the first pass after a
/// start the forecaster is rebuilt from the store's jobs of the last eight days, so a restart loses no profile; boot
/// times and the idle budget start again from the live instances. Nothing is read while no pool is <c>predictive</c>.
/// </summary>
internal sealed class ForecastFeed(IStore store)
{
    private const int Page = 5_000;

    /// <summary>How long after its queue time a job may still be counted: time for it to be routed or taken.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(2);

    private readonly DemandForecaster _forecaster = new();
    private readonly Dictionary<JobKey, DateTimeOffset> _counted = [];
    private DateTimeOffset? _readAt;

    /// <summary>The forecasts for this pass's plan.</summary>
    public async Task<IReadOnlyDictionary<string, PoolForecast>> ForecastAsync(
        IReadOnlyList<PoolSpec> pools, IReadOnlyList<Instance> instances, DateTimeOffset now, CancellationToken ct)
    {
        if (!pools.Any(p => p.Policy is PredictiveWarmPolicy))
        {
            return new Dictionary<string, PoolForecast>();
        }

        var since = _readAt is { } last ? last - Margin : now - DemandForecaster.History;
        await ReadArrivalsAsync(pools, since, ct).ConfigureAwait(false);
        _readAt = now;
        foreach (var old in _counted.Where(c => c.Value < now - (2 * Margin)).Select(c => c.Key).ToList())
        {
            _counted.Remove(old);
        }

        _forecaster.ObserveInstances(pools, instances, now);
        return _forecaster.Forecast(pools, now);
    }

    private async Task ReadArrivalsAsync(IReadOnlyList<PoolSpec> pools, DateTimeOffset since, CancellationToken ct)
    {
        await foreach (var job in store.ReadAllAsync(new JobQuery { UpdatedSince = since }, Page, ct).ConfigureAwait(false))
        {
            if (job.QueuedAt >= since && !_counted.ContainsKey(job.Key) && PoolOf(job, pools) is { } pool)
            {
                _forecaster.ObserveArrival(pool, job.QueuedAt);
                _counted[job.Key] = job.QueuedAt;
            }
        }
    }

    /// <summary>The job's route, else the pool whose runner took it (runner names carry their pool's segment).</summary>
    private static string? PoolOf(Job job, IReadOnlyList<PoolSpec> pools)
    {
        if (job.Pool is not null)
        {
            return job.Pool;
        }

        if (job.RunnerName is not { } runner)
        {
            return null;
        }

        string? best = null;
        foreach (var pool in pools)
        {
            var segment = InstanceNames.Prefix + InstanceNames.PoolSegment(pool.Name) + "-";
            if (runner.StartsWith(segment, StringComparison.Ordinal) && (best is null || pool.Name.Length > best.Length))
            {
                best = pool.Name;
            }
        }

        return best;
    }
}
