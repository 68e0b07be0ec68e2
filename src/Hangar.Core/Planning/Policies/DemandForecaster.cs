using Hangar.Core.Instances;
using Hangar.Core.Pools;

namespace Hangar.Core.Planning.Policies;

/// <summary>
/// What the <c>predictive</c> policy knows of each pool's demand: its arrivals (a count per minute for eight days, two
/// smoothed rates, batch sizes), its runners' boot times and its idle minutes. State held between planner calls — by
/// the converge pass in <c>serve</c> and by <c>hangar simulate</c>, which feed it the same way — and handed to the pure
/// planner as a <see cref="PoolForecast"/> per pool. Everything here is rebuilt after a restart by replaying the
/// store's recent jobs and live instances: no table holds it.
/// </summary>
public sealed class DemandForecaster
{
    /// <summary>How far back arrivals matter: a week for the weekly profile, and a day more.</summary>
    public static readonly TimeSpan History = TimeSpan.FromMinutes(PoolArrivals.MinutesKept);

    private readonly Dictionary<string, PoolArrivals> _pools = new(StringComparer.Ordinal);
    private readonly HashSet<string> _bootsSeen = new(StringComparer.Ordinal);

    /// <summary>A job queued for <paramref name="pool"/> at <paramref name="queuedAt"/>.</summary>
    public void ObserveArrival(string pool, DateTimeOffset queuedAt) => For(pool).Arrive(queuedAt);

    /// <summary>A runner of <paramref name="pool"/> came online <paramref name="boot"/> after its create.</summary>
    public void ObserveBoot(string pool, TimeSpan boot) => For(pool).Boot(boot);

    /// <summary>
    /// The live instances at <paramref name="now"/>: counts idle and live runners for the budget, and takes the boot
    /// time of each runner seen idle for the first time (its create to its first idle moment).
    /// </summary>
    public void ObserveInstances(IReadOnlyList<PoolSpec> pools, IReadOnlyList<Instance> instances, DateTimeOffset now)
    {
        var live = new Dictionary<string, List<Instance>>(StringComparer.Ordinal);
        foreach (var instance in instances)
        {
            if (instance.State is InstanceState.Deleted or InstanceState.Deleting)
            {
                continue;
            }

            if (!live.TryGetValue(instance.Pool, out var list))
            {
                live[instance.Pool] = list = [];
            }

            list.Add(instance);
            if (instance.State == InstanceState.Idle && _bootsSeen.Add(instance.Name))
            {
                ObserveBoot(instance.Pool, instance.StateChangedAt - instance.CreatedAt);
            }
        }

        // Names of runners long gone need not be remembered; a bounded set is enough to count each boot once.
        if (_bootsSeen.Count > 100_000)
        {
            _bootsSeen.Clear();
        }

        foreach (var pool in pools)
        {
            if (pool.Policy is PredictiveWarmPolicy predictive)
            {
                var arrivals = For(pool.Name);
                arrivals.Supply(now, live.GetValueOrDefault(pool.Name) ?? [], predictive.BudgetWindow);
                arrivals.Price.Adjust(arrivals.CreditShare(predictive.IdleBudget), now, predictive.BudgetWindow);
            }
        }
    }

    /// <summary>The forecast of every pool with a <c>predictive</c> policy.</summary>
    public IReadOnlyDictionary<string, PoolForecast> Forecast(IReadOnlyList<PoolSpec> pools, DateTimeOffset now)
    {
        var forecasts = new Dictionary<string, PoolForecast>(StringComparer.Ordinal);
        foreach (var pool in pools)
        {
            if (pool.Policy is PredictiveWarmPolicy predictive)
            {
                forecasts[pool.Name] = Forecast(pool.Name, predictive, now);
            }
        }

        return forecasts;
    }

    public PoolForecast Forecast(string pool, PredictiveWarmPolicy policy, DateTimeOffset now)
    {
        var arrivals = For(pool);
        var boot = arrivals.BootTime ?? policy.BootTime;
        var recent = arrivals.RecentRate(now);
        var shortRate = arrivals.ShortRate(now);
        var profile = arrivals.ProfileRate(now, boot + policy.Lookahead, out var hasHistory);

        // With a past day of the same kind the profile leads (it sees a burst coming); the pool's own level keeps a busy
        // day that the profile did not foresee from being under-served. Once the pool's calm rate is known, its busy
        // spells are told by a sequential test on its pushes (SpellDetector): the level is the calm or the busy rate by
        // the test's state, raised within a dozen pushes of a spell and dropped as soon as the test says it ended.
        // Before that, the recent rate is the level and a burst under way outweighs it, held for a while after it
        // (hysteresis). The profile is not held: it knows when its own peaks end.
        var spells = arrivals.Spells;
        spells.Look(now);
        bool burst;
        double level;
        if (spells.Ready)
        {
            burst = spells.Busy;
            level = (burst ? spells.BusyRate : spells.CalmRate) * arrivals.Sizes.Mean;
        }
        else
        {
            burst = shortRate >= 2 && shortRate > 3 * Math.Max(recent, profile);
            level = Math.Max(recent, arrivals.Held(now, burst ? shortRate : 0, policy.Hold));
        }

        // The profile leads only while it has predicted the pool's minutes better than the level (ProfileSkill): a
        // profile of past days whose spells fell at other hours is noise that would only raise the forecast.
        arrivals.Skill.Track(now, level, minute =>
        {
            var past = arrivals.ProfileRate(minute, TimeSpan.FromMinutes(1), out var known);
            return (arrivals.Count(minute), known ? past : null);
        });
        var rate = hasHistory && arrivals.Skill.Trusted ? Math.Max(profile, (level + profile) / 2) : level;

        return new PoolForecast
        {
            Rate = rate,
            RecentRate = recent,
            ProfileRate = profile,
            Burst = burst,
            BatchSize = arrivals.BatchSize,
            BatchSizes = arrivals.Sizes.Distribution(),
            BootTime = boot,
            IdleShare = arrivals.IdleShare,
            RunnerMinutes = arrivals.RunnerMinutes,
            IdleCredit = arrivals.IdleCredit(policy.IdleBudget),
            Working = arrivals.Working,
            BusyMinutesPerJob = arrivals.BusyMinutesPerJob,
            PriceShift = arrivals.Price.Shift,
        };
    }

    private PoolArrivals For(string pool)
    {
        if (!_pools.TryGetValue(pool, out var arrivals))
        {
            arrivals = new PoolArrivals();
            _pools[pool] = arrivals;
        }

        return arrivals;
    }
}
