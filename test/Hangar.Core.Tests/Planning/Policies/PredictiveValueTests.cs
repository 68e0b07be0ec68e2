using Hangar.Core.Instances;
using Hangar.Core.Planning.Policies;
using Hangar.Core.Pools;

namespace Hangar.Core.Tests.Planning.Policies;

/// <summary>
/// The predictive policy spends its idle budget where it avoids the most waits per idle minute: the value of each
/// extra warm runner, the price the budget sets, and the warm target they give, on the pure planner.
/// </summary>
public sealed class PredictiveValueTests
{
    // Monday 1 June 2026, midnight UTC.
    private static readonly DateTimeOffset Monday = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan Boot = TimeSpan.FromSeconds(30);

    private static readonly PredictiveWarmPolicy Policy = new() { TargetWait = TimeSpan.FromSeconds(5), BootTime = Boot, IdleBudget = 0.15 };

    private static PoolSpec Pool(int minIdle = 0) => Make.Pool("linux") with { MinIdle = minIdle, MaxRunners = 100, Policy = Policy };

    // A budget neither saved nor overspent, plenty of working runners (the budget's cap is far away), 5.1 busy
    // runner-minutes per job: a runner pays for itself at 1 / (0.15 / 0.85 × 5.1) = 1.11 jobs per idle minute.
    private static PoolForecast At(double rate, double batch = 1, double credit = 0, double busyPerJob = 5.1) => new()
    {
        Rate = rate,
        BatchSize = batch,
        BootTime = Boot,
        RunnerMinutes = 1_000,
        IdleCredit = credit,
        IdleShare = 0.15 - (credit / 1_000),
        Working = 200,
        BusyMinutesPerJob = busyPerJob,
    };

    [Fact]
    public void Of_ByHand()
    {
        // A push every six minutes, boot half a minute: taken within a boot with p = 1 − e^(−1/12) = 0.0800, idle
        // 0.5 × (1 − p/2) minutes per boot: 0.167 jobs per idle minute, six minutes idle per job.
        WarmValue.Of(1, 1.0 / 6, 1, Boot).ShouldBe(0.16658, tolerance: 1e-4);

        // 20 jobs a minute: the first runner is taken in nearly every boot, 1 / (0.5 × 0.5) = 4 jobs per idle minute.
        WarmValue.Of(1, 20, 1, Boot).ShouldBe(4, tolerance: 1e-3);

        // Batches of 4 at 2 jobs a minute (one push per 2 minutes): the 4 runners of one batch are worth the same, the
        // fifth needs a second push within the boot.
        WarmValue.Of(4, 2, 4, Boot).ShouldBe(WarmValue.Of(1, 2, 4, Boot), tolerance: 1e-12);
        WarmValue.Of(5, 2, 4, Boot).ShouldBeLessThan(WarmValue.Of(4, 2, 4, Boot) / 5);
    }

    [Fact]
    public void ArrivalTail_CompoundPoisson_ByHand()
    {
        // One push expected, half of them single jobs and half pairs: P(N = 0) = e^−1, P(N = 1) = e^−1 × 0.5,
        // P(N = 2) = e^−1 × (0.5 + 0.125).
        var tail = new ArrivalTail(1.5, 1.5, [0, 0.5, 0.5]);

        tail.Next().ShouldBe(1 - Math.Exp(-1), tolerance: 1e-12);
        tail.Next().ShouldBe(1 - (1.5 * Math.Exp(-1)), tolerance: 1e-12);
        tail.Next().ShouldBe(1 - (2.125 * Math.Exp(-1)), tolerance: 1e-12);
    }

    [Fact]
    public void Of_MatrixSizesKnown_TheTailRunnersOfATrickleAreWorthMoreThanAMeanBatchSays()
    {
        // The generator's law: half single jobs, 2–4 jobs in 30 %, 6–12 in 20 % (mean 3.2); ten pushes an hour. A mean
        // batch of 3 says the 4th to 6th runners need two pushes in a boot (0.0075 jobs per idle minute); a fifth of
        // the pushes bring 6 or more, so the 6th is worth 0.034.
        var sizes = new double[13];
        sizes[1] = 0.5;
        sizes[2] = sizes[3] = sizes[4] = 0.1;
        for (var j = 6; j <= 12; j++)
        {
            sizes[j] = 0.2 / 7;
        }

        var rate = 10 * 3.2 / 60;
        WarmValue.Of(1, rate, 3.2, Boot, sizes).ShouldBe(0.1666, tolerance: 1e-3);
        WarmValue.Of(6, rate, 3.2, Boot, sizes).ShouldBe(0.0338, tolerance: 1e-3);
        WarmValue.Of(6, rate, 3.2, Boot).ShouldBe(0.0075, tolerance: 1e-3);
        Enumerable.Range(1, 12).Select(k => WarmValue.Of(k, rate, 3.2, Boot, sizes)).ShouldBeInOrder(SortDirection.Descending);
    }

    [Fact]
    public void BatchSizes_RecentPushesWeighMore()
    {
        var sizes = new BatchSizes();
        sizes.Distribution().ShouldBeNull();
        for (var push = 0; push < 100; push++)
        {
            sizes.Record(push % 2 == 0 ? 1 : 4);
        }

        var even = sizes.Distribution()!;
        even[1].ShouldBe(0.5, tolerance: 0.01);
        even[4].ShouldBe(0.5, tolerance: 0.01);
        for (var push = 0; push < 100; push++)
        {
            sizes.Record(100);
        }

        // Each push weighs a little less than the next: the last hundred carry (1 − k^100) / (1 − k^200) of the two
        // hundred. A matrix past the largest counts as the largest.
        var after = sizes.Distribution()!;
        var keep = BatchSizes.Keep;
        after[BatchSizes.Largest].ShouldBe((1 - Math.Pow(keep, 100)) / (1 - Math.Pow(keep, 200)), tolerance: 1e-9);
        after.Sum().ShouldBe(1, tolerance: 1e-9);
    }

    [Fact]
    public void BatchSizes_TailOfAStationaryLaw_StaysNearIt()
    {
        // A push brings 8 or more jobs one time in ten: the tail that decides whether an eighth warm runner is worth
        // keeping. Its estimate must not wander with the last few large matrices, or a constant stream gets a warm
        // supply that moves by a runner or two for nothing (docs/scheduling.md, "Random").
        var random = new Random(5);
        var sizes = new BatchSizes();
        var worst = 0.0;
        for (var push = 0; push < 5_000; push++)
        {
            sizes.Record(random.NextDouble() < 0.1 ? 8 + random.Next(8) : 1 + random.Next(4));
            if (push >= 1_000)
            {
                worst = Math.Max(worst, Math.Abs(sizes.Distribution()!.Skip(8).Sum() - 0.1));
            }
        }

        worst.ShouldBeLessThan(0.04);
    }

    [Fact]
    public void Of_FallsWithEachRunner()
    {
        var values = Enumerable.Range(1, 30).Select(k => WarmValue.Of(k, 12, 3, Boot)).ToList();

        values.ShouldBeInOrder(SortDirection.Descending);
        values[0].ShouldBeGreaterThan(values[^1] * 100);
    }

    [Fact]
    public void Price_ByHand()
    {
        WarmValue.Price(Policy, At(rate: 1)).ShouldBe(1 / ((0.15 / 0.85) * 5.1), tolerance: 1e-9);

        // A third of the window's allowance (0.15 × 1,000 idle minutes) unspent lowers the price e-fold. Overspent, it
        // stays self-financing: such a runner earns its own idle minutes (the budget's cap holds the count back).
        WarmValue.Price(Policy, At(rate: 1, credit: 50)).ShouldBe(Math.Exp(-1) / ((0.15 / 0.85) * 5.1), tolerance: 1e-9);
        WarmValue.Price(Policy, At(rate: 1, credit: -50)).ShouldBe(1 / ((0.15 / 0.85) * 5.1), tolerance: 1e-9);
    }

    [Fact]
    public void Price_ShiftedByTheHistory()
    {
        WarmValue.Price(Policy, At(rate: 1) with { PriceShift = -2 }).ShouldBe(Math.Exp(-2) / ((0.15 / 0.85) * 5.1), tolerance: 1e-9);
    }

    [Fact]
    public void WarmPrice_FallsWhileCreditIsLeft_RisesWhileOverspent_NeverAboveSelfFinancing()
    {
        var price = new WarmPrice();
        var window = TimeSpan.FromHours(6);
        var t = Monday;
        price.Adjust(1, t, window);
        price.Shift.ShouldBe(0);

        // A third of the allowance unspent for a whole window: e-fold lower. Overspent by as much for half a window:
        // half of that back.
        for (var minute = 1; minute <= 360; minute++)
        {
            price.Adjust(1.0 / 3, t.AddMinutes(minute), window);
        }

        price.Shift.ShouldBe(-1, tolerance: 1e-9);
        for (var minute = 361; minute <= 540; minute++)
        {
            price.Adjust(-1.0 / 3, t.AddMinutes(minute), window);
        }

        price.Shift.ShouldBe(-0.5, tolerance: 1e-9);

        // A look back in time changes nothing; a week with nothing spent ends at the floor, not below; a week overspent
        // brings it back to self-financing, not above.
        price.Adjust(1, t, window);
        price.Shift.ShouldBe(-0.5, tolerance: 1e-9);
        price.Adjust(1, t.AddDays(7), window);
        price.Shift.ShouldBe(-8);
        price.Adjust(-1, t.AddDays(14), window);
        price.Shift.ShouldBe(0);
    }

    [Fact]
    public void Price_NothingSeenYetOrNoBudget_Zero()
    {
        WarmValue.Price(Policy, At(rate: 1, busyPerJob: 0)).ShouldBe(0);
        WarmValue.Price(Policy with { IdleBudget = 1 }, At(rate: 1)).ShouldBe(0);
        WarmValue.Worth(0, At(rate: 1.0 / 6), 7).ShouldBe(7);
    }

    [Fact]
    public void For_Trickle_NoWarmRunner_TheBudgetStaysForTheBurst()
    {
        var trickle = WarmTargets.For(Pool(), Monday, At(rate: 1.0 / 6));
        var burst = WarmTargets.For(Pool(), Monday, At(rate: 20, batch: 4));

        // Without a price the forecast alone keeps a runner for the trickle (it covers 95 % of the jobs of a boot).
        WarmTargets.For(Pool(), Monday, At(rate: 1.0 / 6, busyPerJob: 0)).Count.ShouldBe(1);
        trickle.Count.ShouldBe(0);
        trickle.Reason.ShouldContain("0 of 1 worth 1.11 jobs per idle minute");
        // At the burst the forecast covers 95 % of a boot's jobs with 16 runners (four batches of 4); the first three
        // batches' runners take 3.4, 2.2 and 1.2 jobs per idle minute, the fourth's 0.55: below the price, until saved
        // budget lowers it.
        WarmTargets.CoveringSupply(20 * (25.0 / 60), 4, 0.95, 100).ShouldBe(16);
        burst.Count.ShouldBe(12);
        WarmTargets.For(Pool(), Monday, At(rate: 20, batch: 4, credit: 50)).Count.ShouldBe(16);
    }

    [Fact]
    public void For_SavedBudget_BuysTheCheaperWaitsToo_MinIdleStillHolds()
    {
        // 18 jobs an hour: the first runner takes 0.30 jobs per idle minute, below the self-financing price of 1.11 and
        // above the 0.15 it falls to when two thirds of the window's allowance are unspent; the second (0.02) is poor
        // value either way.
        WarmTargets.For(Pool(), Monday, At(rate: 0.3)).Count.ShouldBe(0);
        var saved = WarmTargets.For(Pool(), Monday, At(rate: 0.3, credit: 100));
        saved.Count.ShouldBe(1);
        saved.Reason.ShouldContain("1 of 2 worth 0.15 jobs per idle minute");
        WarmTargets.For(Pool(minIdle: 2), Monday, At(rate: 0.3)).Count.ShouldBe(2);
    }

    [Fact]
    public void Forecast_BusyMinutesPerJob_RunnerMinutesLessIdleOverJobsSinceFirstSeen()
    {
        var forecaster = new DemandForecaster();
        var pool = Pool();
        var t0 = Monday.AddHours(10);
        var booting = Make.Instance("r1", "linux", InstanceState.Booting, TimeSpan.Zero) with { CreatedAt = t0, StateChangedAt = t0 };
        var busy = Make.Instance("r2", "linux", InstanceState.Busy, TimeSpan.Zero) with { CreatedAt = t0.AddMinutes(-10), StateChangedAt = t0.AddMinutes(-5) };
        forecaster.ObserveArrival("linux", t0.AddMinutes(-5));
        forecaster.ObserveArrival("linux", t0.AddMinutes(2));
        forecaster.ObserveInstances([pool], [booting, busy], t0);

        forecaster.ObserveInstances([pool], [booting with { State = InstanceState.Idle, StateChangedAt = t0.AddMinutes(1) }, busy], t0.AddMinutes(10));
        var forecast = forecaster.Forecast("linux", Policy, t0.AddMinutes(10));

        // 20 runner-minutes of which 9 idle, over two jobs.
        forecast.BusyMinutesPerJob.ShouldBe(5.5, tolerance: 1e-9);
    }
}
