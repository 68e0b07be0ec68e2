using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Planning.Policies;
using Hangar.Core.Pools;
using Hangar.Core.Storage;

namespace Hangar.Engine.Reconcile;

/// <summary>
/// Feeds the converge pass's <see cref="DemandForecaster"/>: each queued job once, when a pass first sees it routed, and
/// the live instances of every pass. On the first pass after a start the forecaster is rebuilt from the store's jobs of
/// the last eight days, so a restart loses no profile; boot times and the idle budget start again from the live
/// instances. Nothing is read while no pool has a <c>predictive</c> policy.
/// </summary>
internal sealed class ForecastFeed(IStore store)
{
    private const int Page = 5_000;

    private readonly DemandForecaster _forecaster = new();
    private HashSet<JobKey> _queued = [];
    private bool _rebuilt;

    /// <summary>The forecasts for this pass's plan; <paramref name="queued"/> are its queued jobs with the routes it is
    /// about to store (<paramref name="routed"/>).</summary>
    public async Task<IReadOnlyDictionary<string, PoolForecast>> ForecastAsync(
        IReadOnlyList<PoolSpec> pools, IReadOnlyList<Job> queued, IReadOnlyList<Instance> instances, DateTimeOffset now, CancellationToken ct)
    {
        if (!pools.Any(p => p.Policy is PredictiveWarmPolicy))
        {
            return new Dictionary<string, PoolForecast>();
        }

        if (!_rebuilt)
        {
            await RebuildAsync(now, ct).ConfigureAwait(false);
            _rebuilt = true;
        }

        ObserveQueued(queued);
        _forecaster.ObserveInstances(pools, instances, now);
        return _forecaster.Forecast(pools, now);
    }

    /// <summary>Jobs routed by this pass count as arrivals at once, not a pass later.</summary>
    public void Routed(IReadOnlyList<Core.Planning.JobRoute> routes, IReadOnlyList<Job> queued)
    {
        if (routes.Count == 0 || !_rebuilt)
        {
            return;
        }

        var byKey = queued.ToDictionary(j => j.Key);
        foreach (var route in routes)
        {
            if (byKey.TryGetValue(route.Job, out var job) && _queued.Add(job.Key))
            {
                _forecaster.ObserveArrival(route.Pool, job.QueuedAt);
            }
        }
    }

    /// <summary>A job arrives once: the set holds the keys still queued, since a job never returns to the queue (a
    /// re-run is a new attempt, a new key).</summary>
    private void ObserveQueued(IReadOnlyList<Job> queued)
    {
        var still = new HashSet<JobKey>(queued.Count);
        foreach (var job in queued)
        {
            if (job.Pool is null)
            {
                continue;
            }

            still.Add(job.Key);
            if (!_queued.Contains(job.Key))
            {
                _forecaster.ObserveArrival(job.Pool, job.QueuedAt);
            }
        }

        _queued = still;
    }

    private async Task RebuildAsync(DateTimeOffset now, CancellationToken ct)
    {
        var since = now - DemandForecaster.History;
        var query = new JobQuery { UpdatedSince = since, Limit = Page };
        while (true)
        {
            var page = await store.ListJobsAsync(query, ct).ConfigureAwait(false);
            foreach (var job in page)
            {
                if (job.Pool is { } pool && job.QueuedAt >= since)
                {
                    _forecaster.ObserveArrival(pool, job.QueuedAt);
                    if (job.Status == JobStatus.Queued)
                    {
                        _queued.Add(job.Key);
                    }
                }
            }

            if (page.Count < Page)
            {
                return;
            }

            query = query with { After = JobCursor.Of(page[^1]) };
        }
    }
}
