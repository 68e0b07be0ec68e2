using Hangar.Core.Instances;
using Hangar.Core.Planning;
using Hangar.Core.Planning.Policies;
using Hangar.Core.Pools;
using Microsoft.Extensions.Time.Testing;

namespace Hangar.Core.Tests.Planning.Policies;

/// <summary>The predictive policy on the pure planner, its forecaster driven by a fake clock.</summary>
public sealed class PredictiveWarmPolicyTests
{
    // Monday 1 June 2026, midnight UTC.
    private static readonly DateTimeOffset Monday = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly PredictiveWarmPolicy Policy = new() { TargetWait = TimeSpan.FromSeconds(5), BootTime = TimeSpan.FromSeconds(60), IdleBudget = 0.15 };

    private static PoolSpec Pool(int minIdle = 0, int maxRunners = 50) =>
        Make.Pool("linux") with { MinIdle = minIdle, MaxRunners = maxRunners, Policy = Policy };

    [Theory]
    [InlineData(0, 1, 0)]
    [InlineData(0.42, 1, 2)] // Poisson(0.42): 1 runner serves 82 % of the jobs, 2 serve 98 %
    [InlineData(0.42, 10, 10)] // one matrix of 10 is 4 % likely: only all 10 serve 95 % of its jobs
    [InlineData(5, 1, 8)] // Poisson(5): 7 serve 94.9 %, 8 serve 97.6 %
    public void CoveringSupply_ByHand(double expected, double batch, int supply) =>
        WarmTargets.CoveringSupply(expected, batch, 0.95, 100).ShouldBe(supply);

    [Fact]
    public void CoveringSupply_NeverAboveCap() => WarmTargets.CoveringSupply(500, 1, 0.95, 12).ShouldBe(12);

    [Fact]
    public void Plan_RecurringBurst_WarmsUpBeforeItAndNotAtNight()
    {
        var clock = new FakeTimeProvider(Monday);
        var forecaster = new DemandForecaster();
        var pool = Pool();

        // A week of a daily nightly batch: 40 jobs in four matrices at 02:00 UTC.
        for (var day = 0; day < 7; day++)
        {
            var burst = Monday.AddDays(day).AddHours(2);
            for (var job = 0; job < 40; job++)
            {
                forecaster.ObserveArrival("linux", burst.AddSeconds(job / 10 * 15));
            }
        }

        clock.SetUtcNow(Monday.AddDays(7).AddHours(1).AddMinutes(58));
        var before = PlanAt(pool, forecaster, clock.GetUtcNow());
        clock.SetUtcNow(Monday.AddDays(7).AddHours(14));
        var afternoon = PlanAt(pool, forecaster, clock.GetUtcNow());

        var warm = before.WarmCreates.ShouldHaveSingleItem();
        warm.Count.ShouldBeGreaterThanOrEqualTo(10);
        warm.Reason.ShouldStartWith("warm: forecast ");
        warm.Reason.ShouldContain("jobs/min");
        afternoon.Creates.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_NoHistory_BurstUnderWayRaisesWarmSupply()
    {
        var forecaster = new DemandForecaster();
        var now = Monday.AddHours(10);
        for (var job = 0; job < 12; job++)
        {
            forecaster.ObserveArrival("linux", now.AddSeconds(-50 + (job * 4)));
        }

        var plan = PlanAt(Pool(), forecaster, now);

        forecaster.Forecast("linux", Policy, now).Burst.ShouldBeTrue();
        plan.WarmCreates.ShouldHaveSingleItem().Count.ShouldBeGreaterThan(0);
        plan.WarmCreates[0].Reason.ShouldContain("(burst)");
    }

    [Fact]
    public void Plan_IdleBudgetSpent_KeepsOnlyMinIdle()
    {
        var forecaster = new DemandForecaster();
        var pool = Pool(minIdle: 1);
        var now = Monday.AddHours(10);
        for (var job = 0; job < 60; job++)
        {
            forecaster.ObserveArrival("linux", now.AddMinutes(-30 + (job / 2.0)));
        }

        // Half an hour of four idle runners and nothing else: every runner-minute idle.
        var idle = Enumerable.Range(0, 4).Select(i => Idle($"idle-{i}", now.AddMinutes(-40))).ToList();
        for (var t = now.AddMinutes(-30); t <= now; t = t.AddMinutes(1))
        {
            forecaster.ObserveInstances([pool], idle, t);
        }

        var forecast = forecaster.Forecast("linux", Policy, now);
        var target = WarmTargets.For(pool, now, forecast);

        forecast.IdleShare.ShouldBe(1, tolerance: 0.001);
        target.Count.ShouldBe(1);
        target.Reason.ShouldBe("warm: idle budget spent (100% of runner-minutes idle), min_idle 1");
    }

    [Fact]
    public void Plan_BudgetNotSpent_SizesWarmSupplyFromTheRate()
    {
        var forecaster = new DemandForecaster();
        var pool = Pool();
        var now = Monday.AddHours(10);
        for (var job = 0; job < 60; job++)
        {
            forecaster.ObserveArrival("linux", now.AddMinutes(-30 + (job / 2.0)));
        }

        var busy = Enumerable.Range(0, 10).Select(i => Make.Instance($"busy-{i}", "linux", InstanceState.Busy, TimeSpan.FromMinutes(5)) with { CreatedAt = now.AddMinutes(-40) }).ToList();
        for (var t = now.AddMinutes(-30); t <= now; t = t.AddMinutes(1))
        {
            forecaster.ObserveInstances([pool], busy, t);
        }

        var forecast = forecaster.Forecast("linux", Policy, now);
        var target = WarmTargets.For(pool, now, forecast);

        forecast.IdleShare.ShouldBe(0);
        forecast.RecentRate.ShouldBeInRange(1.0, 2.0);
        target.Count.ShouldBe(WarmTargets.CoveringSupply(forecast.Rate * (55.0 / 60), forecast.BatchSize, 0.95, 50));
        target.Count.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Plan_PredictiveTarget_BoundedByMaxRunnersAndMinIdle()
    {
        var forecaster = new DemandForecaster();
        var now = Monday.AddHours(10);
        for (var job = 0; job < 200; job++)
        {
            forecaster.ObserveArrival("linux", now.AddSeconds(-60 + (job * 0.3)));
        }

        PlanAt(Pool(maxRunners: 4), forecaster, now).Creates.ShouldHaveSingleItem().Count.ShouldBe(4);
        PlanAt(Pool(minIdle: 2), new DemandForecaster(), now).Creates.ShouldHaveSingleItem().Count.ShouldBe(2);
    }

    [Fact]
    public void ObserveInstances_FirstIdleSighting_TakesBootTime()
    {
        var forecaster = new DemandForecaster();
        var now = Monday.AddHours(10);
        var runner = Idle("r1", now.AddSeconds(-42)) with { StateChangedAt = now.AddSeconds(-2) };

        forecaster.ObserveInstances([Pool()], [runner], now);
        forecaster.ObserveInstances([Pool()], [runner with { StateChangedAt = now }], now.AddSeconds(10));

        forecaster.Forecast("linux", Policy, now).BootTime.ShouldBe(TimeSpan.FromSeconds(40));
    }

    private static Plan PlanAt(PoolSpec pool, DemandForecaster forecaster, DateTimeOffset now) =>
        Planner.Plan(new PlannerInput([pool], [], [], now) { Forecasts = forecaster.Forecast([pool], now) });

    private static Instance Idle(string name, DateTimeOffset created) => new()
    {
        Name = name,
        Pool = "linux",
        Provider = "docker",
        State = InstanceState.Idle,
        CreatedAt = created,
        StateChangedAt = created.AddSeconds(30),
    };
}
