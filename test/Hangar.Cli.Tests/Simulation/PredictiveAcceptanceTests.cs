using Hangar.Cli.Simulation;
using Hangar.Cli.Traces;
using Hangar.Core.Planning.Policies;
using Hangar.Core.Pools;

namespace Hangar.Cli.Tests.Simulation;

/// <summary>
/// The scheduling acceptance (docs/scheduling.md, "Results") in small, as the docs state it: on a generated
/// office-hours trace predictive keeps the p95 queue wait within the boot time with at most 15 % idle runner-minutes and
/// beats the best static <c>min_idle</c> on both figures at once; on the random (Markov-modulated) profile it meets the
/// first half with its defaults, and beats the best static setting at an operator's coverage. Deterministic: the
/// traces and the replays are seeded.
/// </summary>
public sealed class PredictiveAcceptanceTests
{
    private static readonly TimeSpan Boot = TimeSpan.FromSeconds(30);

    private static readonly PoolSpec Pool = SimulatedPool.Linux;

    [Fact]
    public void Simulate_OfficeHours_PredictiveWithinBootAndBudget_BeatsBestStaticOnBoth()
    {
        // Eight days from a Monday, so the last Monday has a weekly profile and the weekend is in it; 20 teams' pushes
        // (about 70,000 jobs). Not the bundled trace's seed: the policy is not tuned to one draw.
        var (predictive, best) = PredictiveAndBestStatic(new OfficeHoursProfile(), TimeSpan.FromDays(8));

        WithinBootAndBudget(predictive);
        predictive.Overall.WaitPercentile(95).ShouldBeLessThan(best.Overall.WaitPercentile(95));
        predictive.Overall.IdleShare.ShouldBeLessThan(best.Overall.IdleShare);
    }

    [Fact]
    public void Simulate_RandomSpells_PredictiveWithinBootAndBudget_ButNoCheaperThanBestStatic()
    {
        // docs/scheduling.md, "Random": on the Markov-modulated profile predictive meets the target within its budget,
        // and the best static setting still idles less (a static min_idle is as good or better there). Three days of
        // 20 teams (about 55,000 jobs), another seed than the bundled trace's.
        // Its spell test (SpellDetector) serves the busy spells far better than any static level: fewer of their jobs
        // wait a whole cold start. The calm spells' idle minutes are where it loses.
        var (predictive, best) = PredictiveAndBestStatic(new RandomProfile(), TimeSpan.FromDays(3));

        WithinBootAndBudget(predictive);
        best.Overall.IdleShare.ShouldBeLessThan(predictive.Overall.IdleShare);
        predictive.Spells.ShouldNotBeNull().Busy.ColdShare.ShouldBeLessThan(best.Spells.ShouldNotBeNull().Busy.ColdShare / 4);
        predictive.Spells.Calm.IdleMinutes.ShouldBeGreaterThan(best.Spells.Calm.IdleMinutes);
    }

    [Fact]
    public void Simulate_RandomSpells_OperatorsCoverage_BeatsBestStaticOnBoth()
    {
        // docs/scheduling.md, "Random": at the setting an operator finds by searching coverage as static's min_idle is
        // searched (no idle budget; coverage 57 %, the cheapest whole percent whose p95 is within the boot time on the
        // bundled trace), predictive beats the best static setting on both figures at once, by the small margin the
        // trace allows any policy (the spell oracle's bound). Here on another seed than the one it was found on.
        var profile = new RandomProfile();
        var trace = TraceGenerator.Generate(
            profile, 11, new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(3), "linux", ["self-hosted", "linux"], scale: 20).ToList();
        var best = BestStatic(trace, profile);
        var predictive = Run(Pool with { Policy = new PredictiveWarmPolicy { BootTime = Boot, IdleBudget = 1, Coverage = 0.57 } }, "predictive", trace, profile);

        predictive.Overall.Unserved.ShouldBe(0);
        predictive.Overall.WaitPercentile(95).ShouldBeLessThan(best.Overall.WaitPercentile(95));
        predictive.Overall.IdleShare.ShouldBeLessThan(best.Overall.IdleShare);
    }

    private static (SimulationRun Predictive, SimulationRun BestStatic) PredictiveAndBestStatic(TraceProfile profile, TimeSpan span)
    {
        var start = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
        var trace = TraceGenerator.Generate(profile, 11, start, span, "linux", ["self-hosted", "linux"], scale: 20).ToList();
        var spells = profile as RandomProfile;
        return (Run(Pool with { Policy = new PredictiveWarmPolicy { BootTime = Boot } }, "predictive", trace, spells), BestStatic(trace, spells));
    }

    private static void WithinBootAndBudget(SimulationRun predictive)
    {
        predictive.Overall.Unserved.ShouldBe(0);
        predictive.Overall.WaitPercentile(95).ShouldBeLessThanOrEqualTo(Boot.TotalSeconds);
        predictive.Overall.IdleShare.ShouldBeLessThanOrEqualTo(0.15);
    }

    /// <summary>
    /// The best static setting as <c>hangar simulate</c> marks it: the fewest idle minutes among the <c>min_idle</c>
    /// values whose p95 is within the boot time. More warm runners never lengthen the p95 and always add idle minutes,
    /// so that is the smallest such value, found by bisection over 0–16 (four replays instead of seventeen).
    /// </summary>
    private static SimulationRun BestStatic(IReadOnlyList<TraceRecord> trace, RandomProfile? spells)
    {
        int low = 0, high = 16;
        SimulationRun? best = null;
        while (low <= high)
        {
            var minIdle = (low + high) / 2;
            var run = Run(Pool with { Policy = StaticWarmPolicy.Instance, MinIdle = minIdle }, $"static min_idle={minIdle}", trace, spells);
            if (run.Overall.WaitPercentile(95) <= Boot.TotalSeconds)
            {
                best = run;
                high = minIdle - 1;
            }
            else
            {
                low = minIdle + 1;
            }
        }

        return best.ShouldNotBeNull("no static min_idle up to 16 keeps the p95 within the boot time");
    }

    private static SimulationRun Run(PoolSpec pool, string label, IReadOnlyList<TraceRecord> trace, RandomProfile? spells) => Simulator.Run(
        new SimulationSetup
        {
            Pools = [pool],
            DefaultBoot = BootTimes.Uniform(Boot, Boot),
            ConvergeInterval = TimeSpan.FromSeconds(10),
            Pickup = TimeSpan.FromSeconds(1),
            Seed = 1,
            Spells = spells,
        },
        label,
        trace);
}
