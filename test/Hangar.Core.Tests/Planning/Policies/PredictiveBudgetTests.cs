using Hangar.Core.Instances;
using Hangar.Core.Planning;
using Hangar.Core.Planning.Policies;
using Hangar.Core.Pools;
using Microsoft.Extensions.Time.Testing;

namespace Hangar.Core.Tests.Planning.Policies;

/// <summary>
/// The predictive policy's idle budget (a smooth cap, not a switch), its hysteresis and its accounting of idle minutes,
/// on the pure planner with the forecaster driven by a fake clock.
/// </summary>
public sealed class PredictiveBudgetTests
{
    // Monday 1 June 2026, midnight UTC.
    private static readonly DateTimeOffset Monday = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly PredictiveWarmPolicy Policy = new() { TargetWait = TimeSpan.FromSeconds(5), BootTime = TimeSpan.FromSeconds(60), IdleBudget = 0.15 };

    private static PoolSpec Pool(int minIdle = 0, PredictiveWarmPolicy? policy = null) =>
        Make.Pool("linux") with { MinIdle = minIdle, MaxRunners = 100, Policy = policy ?? Policy };

    // 6 jobs/min in batches of 1 with a 60 s boot: the forecast alone asks for 9 warm runners.
    private static PoolForecast Busy(int working, double credit) => new()
    {
        Rate = 6,
        BatchSize = 1,
        BootTime = TimeSpan.FromSeconds(60),
        RunnerMinutes = 1_000,
        IdleCredit = credit,
        IdleShare = 0.15 - (credit / 1_000),
        Working = working,
    };

    private static readonly DateTimeOffset BurstEnd = Monday.AddHours(10);

    /// <summary>Ten jobs three seconds apart in the half minute before <see cref="BurstEnd"/>, after a quiet morning.</summary>
    private static DemandForecaster Burst(DemandForecaster forecaster)
    {
        for (var job = 0; job < 10; job++)
        {
            forecaster.ObserveArrival("linux", BurstEnd.AddSeconds(-30 + (job * 3)));
        }

        return forecaster;
    }

    [Fact]
    public void Affordable_ByHand()
    {
        // 0.15 / 0.85 idle runners per working one: 20 working and 6 jobs/min over 3 minutes (boot 1 min + lookahead
        // 2 min) earn 0.176 × 38 = 6.7; a credit of 30 idle minutes spread over those 3 minutes adds 10.
        WarmTargets.Affordable(Policy, Busy(working: 20, credit: 30)).ShouldBe(16);
        WarmTargets.Affordable(Policy, Busy(working: 20, credit: 0)).ShouldBe(6);
        WarmTargets.Affordable(Policy, Busy(working: 20, credit: -15)).ShouldBe(1);
        WarmTargets.Affordable(Policy, Busy(working: 20, credit: -300)).ShouldBe(0);
    }

    [Fact]
    public void For_CreditRunningOut_ScalesTheWarmSupplyDownStepByStep()
    {
        var pool = Pool(minIdle: 1);
        var covering = WarmTargets.CoveringSupply(6 * (55.0 / 60), 1, 0.95, 100);

        var counts = new[] { 30.0, 0, -6, -12, -18, -300 }.Select(credit => WarmTargets.For(pool, Monday, Busy(20, credit)).Count).ToList();

        // Plenty of credit: the forecast decides. Then fewer runners as the credit falls, never a jump from the forecast
        // to min_idle, and min_idle once the budget affords nothing more.
        counts[0].ShouldBe(covering);
        counts.ShouldBeInOrder(SortDirection.Descending);
        counts.Count(c => c > 1 && c < covering).ShouldBeGreaterThanOrEqualTo(3);
        counts[^1].ShouldBe(1);
        WarmTargets.For(pool, Monday, Busy(20, -300)).Reason.ShouldStartWith("warm: idle budget spent");
        WarmTargets.For(pool, Monday, Busy(20, -6)).Reason.ShouldContain($"idle budget affords {counts[2]} of {covering}");
    }

    [Fact]
    public void Plan_SteadyLoad_IdleShareStaysWithinTheBudget()
    {
        // A closed loop on the pure planner: a job a minute, each taking an idle runner at once if there is one, each
        // running 5 minutes; warm runners are made and online at once (the budget is about idle, not boot). Over two
        // hours the pool's idle runner-minutes must stay within 15 % of its runner-minutes.
        var clock = new FakeTimeProvider(Monday.AddHours(9));
        var forecaster = new DemandForecaster();
        var pool = Pool() with { IdleGrace = TimeSpan.Zero };
        var runners = new List<Instance>();
        var ends = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        double idleMinutes = 0, runnerMinutes = 0;
        var made = 0;
        for (var step = 0; step < 1_200; step++)
        {
            var now = clock.GetUtcNow();
            runners.RemoveAll(r => ends.TryGetValue(r.Name, out var end) && end <= now);
            if (step % 10 == 0)
            {
                forecaster.ObserveArrival("linux", now);
                var idle = runners.FindIndex(r => r.State == InstanceState.Idle);
                if (idle >= 0)
                {
                    runners[idle] = runners[idle] with { State = InstanceState.Busy, StateChangedAt = now };
                    ends[runners[idle].Name] = now.AddMinutes(5);
                }
                else
                {
                    var name = $"cold-{made++}";
                    runners.Add(Make.Instance(name, "linux", InstanceState.Busy, TimeSpan.Zero) with { CreatedAt = now, StateChangedAt = now });
                    ends[name] = now.AddMinutes(5);
                }
            }

            forecaster.ObserveInstances([pool], runners, now);
            var plan = Planner.Plan(new PlannerInput([pool], [], runners, now) { Forecasts = forecaster.Forecast([pool], now) });
            runners.RemoveAll(r => plan.Destroys.Any(d => d.Instance == r.Name));
            foreach (var create in plan.Creates)
            {
                for (var i = 0; i < create.Count; i++)
                {
                    runners.Add(Make.Instance($"warm-{made++}", "linux", InstanceState.Idle, TimeSpan.Zero) with { CreatedAt = now, StateChangedAt = now });
                }
            }

            idleMinutes += runners.Count(r => r.State == InstanceState.Idle) / 10.0;
            runnerMinutes += runners.Count / 10.0;
            clock.Advance(TimeSpan.FromSeconds(6));
        }

        (idleMinutes / runnerMinutes).ShouldBeLessThanOrEqualTo(0.15);
        idleMinutes.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Forecast_DipAfterABurst_HeldThroughIt_WithoutHoldItFalls()
    {
        var held = Burst(new DemandForecaster());
        var unheld = Burst(new DemandForecaster());
        var noHold = Policy with { Hold = TimeSpan.Zero };
        var peak = held.Forecast("linux", Policy, BurstEnd);
        unheld.Forecast("linux", noHold, BurstEnd);

        // Four quiet minutes: the burst is over and the smoothed rate is low, but the held rate has lost only what a
        // 10-minute decay takes.
        var dip = BurstEnd.AddMinutes(4);
        var heldRate = held.Forecast("linux", Policy, dip).Rate;
        var unheldRate = unheld.Forecast("linux", noHold, dip).Rate;

        peak.Burst.ShouldBeTrue();
        heldRate.ShouldBe(peak.Rate * Math.Exp(-0.4), tolerance: 1e-9);
        unheldRate.ShouldBeLessThan(heldRate / 3);
        WarmTargets.For(Pool(), dip, held.Forecast("linux", Policy, dip)).Count
            .ShouldBeGreaterThan(WarmTargets.For(Pool(policy: noHold), dip, unheld.Forecast("linux", noHold, dip)).Count);
    }

    [Fact]
    public void Plan_DipAfterABurst_KeepsWarmRunnersThatWouldOtherwiseBeRetired()
    {
        var held = Burst(new DemandForecaster());
        var warm = WarmTargets.For(Pool(), BurstEnd, held.Forecast("linux", Policy, BurstEnd)).Count;
        var dip = BurstEnd.AddMinutes(3);
        var idle = Enumerable.Range(0, warm)
            .Select(i => Make.Instance($"warm-{i}", "linux", InstanceState.Idle, TimeSpan.Zero) with { CreatedAt = BurstEnd.AddMinutes(-1), StateChangedAt = BurstEnd })
            .ToList();

        var retiredWithHold = Planner.Plan(new PlannerInput([Pool()], [], idle, dip) { Forecasts = held.Forecast([Pool()], dip) }).Destroys.Count;
        var noHold = Pool(policy: Policy with { Hold = TimeSpan.Zero });
        var unheld = Burst(new DemandForecaster());
        var retiredWithout = Planner.Plan(new PlannerInput([noHold], [], idle, dip) { Forecasts = unheld.Forecast([noHold], dip) }).Destroys.Count;

        // Idle past idle_grace, so the planner may retire them: the held forecast keeps most, the smoothed rate alone
        // would retire most.
        warm.ShouldBeGreaterThan(4);
        retiredWithHold.ShouldBeLessThan(warm / 2);
        retiredWithout.ShouldBeGreaterThan(warm / 2);
    }

    [Fact]
    public void ObserveInstances_RunnerOnlineBetweenLooks_IdleCountedFromItsOwnTime()
    {
        var forecaster = new DemandForecaster();
        var pool = Pool();
        var t0 = Monday.AddHours(10);
        var booting = Make.Instance("r1", "linux", InstanceState.Booting, TimeSpan.Zero) with { CreatedAt = t0, StateChangedAt = t0 };
        var busy = Make.Instance("r2", "linux", InstanceState.Busy, TimeSpan.Zero) with { CreatedAt = t0.AddMinutes(-10), StateChangedAt = t0.AddMinutes(-5) };

        forecaster.ObserveInstances([pool], [booting, busy], t0);

        // r1 came online 1 minute after the first look and was idle for the 9 minutes up to the second.
        forecaster.ObserveInstances([pool], [booting with { State = InstanceState.Idle, StateChangedAt = t0.AddMinutes(1) }, busy], t0.AddMinutes(10));
        var forecast = forecaster.Forecast("linux", Policy, t0.AddMinutes(10));

        forecast.RunnerMinutes.ShouldBe(20, tolerance: 1e-9);
        forecast.IdleShare.ShouldBe(9.0 / 20, tolerance: 1e-9);
        forecast.Working.ShouldBe(1);
    }
}
