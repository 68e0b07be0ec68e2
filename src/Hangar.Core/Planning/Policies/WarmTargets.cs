using System.Globalization;
using Hangar.Core.Pools;

namespace Hangar.Core.Planning.Policies;

/// <summary>The warm target of a pool under its policy: pure, from the pool, the time and its forecast.</summary>
internal static class WarmTargets
{
    public static WarmTarget For(PoolSpec pool, DateTimeOffset now, PoolForecast? forecast) => pool.Policy switch
    {
        ScheduleWarmPolicy schedule => Schedule(pool, schedule, now),
        PredictiveWarmPolicy predictive => Predictive(pool, predictive, forecast),
        _ => new WarmTarget(pool.MinIdle, Text($"warm: min_idle {pool.MinIdle}")),
    };

    private static WarmTarget Schedule(PoolSpec pool, ScheduleWarmPolicy schedule, DateTimeOffset now)
    {
        if (schedule.OpenAt(now) is not { } window)
        {
            return new WarmTarget(pool.MinIdle, Text($"warm: min_idle {pool.MinIdle} outside every schedule window"));
        }

        var count = Math.Min(window.MinIdle, pool.MaxRunners);
        return new WarmTarget(count, Text($"warm: schedule window '{window.Name}' ({window.Cron}, {schedule.TimeZone.Id}) min_idle {count}"));
    }

    private static WarmTarget Predictive(PoolSpec pool, PredictiveWarmPolicy policy, PoolForecast? forecast)
    {
        var floor = Math.Min(pool.MinIdle, pool.MaxRunners);
        if (forecast is null)
        {
            return new WarmTarget(floor, Text($"warm: min_idle {floor}, no forecast yet"));
        }

        var lead = forecast.BootTime - policy.TargetWait;
        var expected = forecast.Rate * Math.Max(0, lead.TotalMinutes);
        var covering = CoveringSupply(expected, forecast.BatchSize, policy.Coverage, pool.MaxRunners, forecast.BatchSizes);
        var affordable = Affordable(policy, forecast);
        if (affordable <= floor && covering > floor)
        {
            return new WarmTarget(floor, Text($"warm: idle budget spent ({forecast.IdleShare * 100:0}% of runner-minutes idle), min_idle {floor}"));
        }

        // The budget buys the runners worth their idle minutes, best first; what it would have spent on poor value
        // stays in the window's credit for the next burst.
        var price = WarmValue.Price(policy, forecast);
        var worth = WarmValue.Worth(price, forecast, covering);
        var count = Math.Clamp(Math.Max(Math.Min(worth, affordable), floor), 0, pool.MaxRunners);
        var burst = forecast.Burst ? " (burst)" : "";
        var capped = covering <= count ? ""
            : worth < affordable ? Text($", {count} of {covering} worth {price:0.00} jobs per idle minute")
            : Text($", idle budget affords {count} of {covering}");
        return new WarmTarget(count, Text(
            $"warm: forecast {forecast.Rate:0.0} jobs/min{burst}, boot {forecast.BootTime.TotalSeconds:0.#}s, batch {forecast.BatchSize:0.#}{capped}: {count} warm"));
    }

    /// <summary>
    /// The warm runners the idle budget affords now. Idle runners at share <c>b</c> of runner-minutes are affordable at
    /// <c>b / (1 − b)</c> per runner booting or busy, counting the runners working now and the jobs forecast within the
    /// horizon (a boot time and the lookahead: the warm runners are for them). The window's credit — its share of the
    /// runner-minutes less the idle minutes spent — is spread over the same horizon: savings let the pool warm up ahead
    /// of a burst, an overspent window scales the supply down until busy minutes earn it back. Before any runner was
    /// seen there is nothing to take a share of, and the forecast alone decides.
    /// </summary>
    public static int Affordable(PredictiveWarmPolicy policy, PoolForecast forecast)
    {
        if (forecast.RunnerMinutes <= 0)
        {
            return int.MaxValue;
        }

        var horizon = Math.Max(1, (forecast.BootTime + policy.Lookahead).TotalMinutes);
        var perWorking = policy.IdleBudget >= 1 ? double.MaxValue : policy.IdleBudget / (1 - policy.IdleBudget);
        var earned = perWorking * (forecast.Working + (forecast.Rate * horizon));
        var affordable = earned + (forecast.IdleCredit / horizon);
        return affordable >= int.MaxValue ? int.MaxValue : (int)Math.Max(0, Math.Floor(affordable));
    }

    /// <summary>
    /// The fewest warm runners that serve at least <paramref name="coverage"/> of the jobs expected within a boot time
    /// at once, when they come in batches of <paramref name="batchSize"/> jobs (a push's matrix) and the batches as a
    /// Poisson stream of mean <c>expected / batchSize</c>. Jobs beyond the warm supply wait for a cold runner. The
    /// served share of <c>s</c> runners is <c>E[min(N, s)] / E[N]</c>, and <c>E[min(N, s)] = Σ_{j&lt;s} P(N &gt; j)</c>.
    /// </summary>
    public static int CoveringSupply(double expected, double batchSize, double coverage, int cap, IReadOnlyList<double>? sizes = null)
    {
        // Below a thousandth of a job per boot time a warm runner would wait for days.
        if (expected < 1e-3)
        {
            return 0;
        }

        if (sizes is not null)
        {
            // With the pushes' own matrix sizes, P(N ≥ k) of the compound stream (ArrivalTail): steadier than the mean
            // batch, which one large matrix moves, and right for a mix of single jobs and large matrices.
            var tail = new ArrivalTail(expected, batchSize, sizes);
            double covered = 0;
            for (var s = 0; s < cap; s++)
            {
                var atLeast = tail.Next();
                covered += atLeast;
                if (covered >= coverage * expected || atLeast < 1e-12)
                {
                    return s + 1;
                }
            }

            return cap;
        }

        var batch = Math.Max(1, (int)Math.Round(batchSize));
        var mean = expected / batch;
        var goal = coverage * expected;
        double served = 0;
        var batches = -1;
        double cumulative = 0;
        var probability = Math.Exp(-mean);
        for (var s = 0; s < cap; s++)
        {
            // P(N > s) = P(K > floor(s / batch)), the Poisson CDF advanced as s crosses a multiple of the batch.
            while (batches < s / batch)
            {
                batches++;
                cumulative += probability;
                probability *= mean / (batches + 1);
            }

            var more = 1 - cumulative;
            served += Math.Max(0, more);
            if (served >= goal || more < 1e-12)
            {
                return s + 1;
            }
        }

        return cap;
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
