using Hangar.Cli.Simulation;
using Hangar.Cli.Traces;
using Hangar.Core.Planning.Policies;
using Hangar.Core.Pools;

namespace Hangar.Cli.Tests.Simulation;

public sealed class SimulatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private static readonly PoolSpec Pool = new()
    {
        Name = "linux",
        Forge = "github",
        Target = ForgeTarget.Organization("acme"),
        Labels = ["linux"],
        Provider = "docker",
        MaxRunners = 10,
    };

    private static SimulationSetup Setup(int minIdle) => new()
    {
        Pools = [Pool with { MinIdle = minIdle }],
        DefaultBoot = BootTimes.Uniform(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)),
        ConvergeInterval = TimeSpan.FromSeconds(10),
    };

    // Two one-minute jobs, at 0 s and at 100 s.
    private static readonly TraceRecord[] Tiny = [Job(0, 60), Job(100, 60)];

    [Fact]
    public void Run_TinyTraceStatic0_EachJobWaitsOneBoot()
    {
        var run = Simulator.Run(Setup(0), "static min_idle=0", Tiny);

        // Each job makes its runner when it arrives: 30 s to boot, 60 s of work, then gone.
        run.Overall.Jobs.ShouldBe(2);
        run.Overall.WaitPercentile(50).ShouldBe(30);
        run.Overall.WaitPercentile(95).ShouldBe(30);
        run.Overall.Runners.ShouldBe(2);
        run.Overall.BootMinutes.ShouldBe(1.0, 1e-9);
        run.Overall.BusyMinutes.ShouldBe(2.0, 1e-9);
        run.Overall.IdleMinutes.ShouldBe(0);
        run.Overall.RunnerMinutes.ShouldBe(3.0, 1e-9);
    }

    [Fact]
    public void Run_TinyTraceMinIdle1_SecondJobTakesTheWarmRunner()
    {
        var run = Simulator.Run(Setup(1), "static min_idle=1", Tiny);

        // 0 s: one runner for the job and one warm, both online at 30 s; the first takes job 1 (waits 30 s), the second
        // idles until job 2 takes it at 100 s (waits 0 s; idle 70 s). Its replacement, made at 100 s, is online at
        // 130 s and idles until job 2 ends at 160 s, when the replay ends (idle 30 s).
        run.Overall.WaitPercentile(50).ShouldBe(0);
        run.Overall.WaitPercentile(100).ShouldBe(30);
        run.Overall.Runners.ShouldBe(3);
        run.Overall.BootMinutes.ShouldBe(1.5, 1e-9);
        run.Overall.BusyMinutes.ShouldBe(2.0, 1e-9);
        run.Overall.IdleMinutes.ShouldBe(100.0 / 60, 1e-9);
        run.Overall.IdleShare.ShouldBe((100.0 / 60) / (1.5 + 2.0 + (100.0 / 60)), 1e-9);
    }

    [Fact]
    public void Run_Pickup_AddsToEveryWait()
    {
        var run = Simulator.Run(Setup(0) with { Pickup = TimeSpan.FromSeconds(2) }, "static", Tiny);

        run.Overall.WaitPercentile(50).ShouldBe(32);
    }

    [Fact]
    public void Run_JobEndsWithThePoolFull_PlansAgainAtOnceNotAtTheNextTick()
    {
        // max_runners 1 and a 10-minute tick: job 2 waits for job 1's runner to go. Its completion nudges the planner (as
        // the completed webhook nudges serve's converge loop), so job 2's runner is made at 90 s, not at the 600 s tick.
        var setup = Setup(0) with { Pools = [Pool with { MaxRunners = 1 }], ConvergeInterval = TimeSpan.FromMinutes(10) };

        var run = Simulator.Run(setup, "static", [Job(0, 60), Job(0, 60)]);

        run.Overall.WaitPercentile(50).ShouldBe(30);
        run.Overall.WaitPercentile(100).ShouldBe(120);
    }

    [Fact]
    public void Run_MeasuredPhases_CreatesQueueForTheProvidersSlots()
    {
        // One slot: each create holds it 2 s, each runner is online 5 s after its create began. Three jobs at 0 s: the
        // creates run 0-2, 2-4, 4-6 s, so the runners are online at 5, 7 and 9 s.
        var run = Simulator.Run(Phased(slots: 1, create: 2, online: 5), "static", [Job(0, 60), Job(0, 60), Job(0, 60)]);

        run.Overall.WaitPercentile(33).ShouldBe(5);
        run.Overall.WaitPercentile(66).ShouldBe(7);
        run.Overall.WaitPercentile(100).ShouldBe(9);
        run.Overall.BootMinutes.ShouldBe((5 + 7 + 9) / 60.0, 1e-9);
    }

    [Fact]
    public void Run_MeasuredPhases_EnoughSlotsMakeEveryRunnerAtOnce()
    {
        var run = Simulator.Run(Phased(slots: 3, create: 2, online: 5), "static", [Job(0, 60), Job(0, 60), Job(0, 60)]);

        run.Overall.WaitPercentile(100).ShouldBe(5);
    }

    [Fact]
    public void Run_MeasuredPhases_ADestroyHoldsTheSlotACreateWaitsFor()
    {
        // One slot, destroys take 10 s. Job 1 (0 s, runs 1 s) is on its runner at 5 s and done at 6 s, when its machine's
        // destroy takes the slot until 16 s; job 2 (6 s) gets its create at 16 s and its runner at 21 s: it waits 15 s.
        var setup = Phased(slots: 1, create: 2, online: 5, destroy: 10);

        var run = Simulator.Run(setup, "static", [Job(0, 1), Job(6, 60)]);

        run.Overall.WaitPercentile(50).ShouldBe(5);
        run.Overall.WaitPercentile(100).ShouldBe(15);
    }

    [Fact]
    public void Run_RunnerOnlineBeforeTheCreateReturns_TakesItsJobThen()
    {
        // The runner connects 1 s after its create began, while the provider's call takes 3 s to return.
        var run = Simulator.Run(Phased(slots: 1, create: 3, online: 1), "static", [Job(0, 60), Job(0.5, 60)]);

        run.Overall.WaitPercentile(50).ShouldBe(1);
        // Job 2's create waits for the slot until 3 s: online at 4 s, 3.5 s after it was queued.
        run.Overall.WaitPercentile(100).ShouldBe(3.5);
    }

    [Fact]
    public void Run_WholeSecondQueuedTimes_SharpenedByWhenHangarReceivedThem()
    {
        // max_runners 1. Job 1 (0 s, runs 10.3 s) is on its runner from 30 s to 40.3 s. The forge says job 2 was queued
        // at 40 s, in whole seconds; Hangar stored it at 40.6 s, so it was queued then, after job 1 ended: its runner is made
        // at 40.6 s and it waits 30 s. Read as 40 s, it would have waited for job 1's end too (30.3 s).
        var setup = Setup(0) with { Pools = [Pool with { MaxRunners = 1 }] };
        var second = Job(40, 60) with { Received = T0.AddSeconds(40.6) };

        var run = Simulator.Run(setup, "static", [Job(0, 10.3), second]);

        run.Overall.WaitPercentile(100).ShouldBe(30, 1e-9);
        Simulator.Run(setup, "static", [Job(0, 10.3), Job(40, 60)]).Overall.WaitPercentile(100).ShouldBe(30.3, 1e-9);
    }

    [Fact]
    public void Run_SameSeed_SameFiguresAndPlot()
    {
        var trace = TraceGenerator.Generate(new RandomProfile(), 3, T0, TimeSpan.FromDays(1), "linux", ["linux"]).ToList();
        var setup = Setup(0) with
        {
            Pools = [Pool with { MaxRunners = 50, Policy = new PredictiveWarmPolicy() }],
            DefaultBoot = BootTimes.Uniform(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(50)),
            Seed = 9,
        };

        var first = Simulator.Run(setup, "predictive", trace);
        var second = Simulator.Run(setup, "predictive", trace);
        var otherSeed = Simulator.Run(setup with { Seed = 10 }, "predictive", trace);

        Figures(second).ShouldBe(Figures(first));
        SvgPlot.Render(second, "t").ShouldBe(SvgPlot.Render(first, "t"));
        Figures(otherSeed).ShouldNotBe(Figures(first));
        first.Overall.Jobs.ShouldBe(trace.Count);
    }

    [Fact]
    public void Run_UnroutableJob_EndsAndCountsNothing()
    {
        var trace = new[] { Job(0, 60) with { Labels = ["gpu"] }, Job(10, 60) };

        var run = Simulator.Run(Setup(0), "static", trace);

        run.Overall.Jobs.ShouldBe(1);
    }

    [Fact]
    public void Render_Plot_HasThreePanelsOverTheTimeline()
    {
        var run = Simulator.Run(Setup(1), "static min_idle=1", Tiny);

        var svg = SvgPlot.Render(run, "tiny <trace>");

        svg.ShouldStartWith("<svg");
        svg.ShouldContain("demand: jobs queued per minute");
        svg.ShouldContain("supply by phase");
        svg.ShouldContain("queue wait of jobs started");
        svg.ShouldContain("tiny &lt;trace>");
        System.Xml.Linq.XDocument.Parse(svg).Root!.Name.LocalName.ShouldBe("svg");
    }

    private static SimulationSetup Phased(int slots, double create, double online, double? destroy = null) => Setup(0) with
    {
        Phases = new Dictionary<string, MachinePhases>
        {
            ["linux"] = new([(TimeSpan.FromSeconds(create), TimeSpan.FromSeconds(online))],
                destroy is { } d ? BootTimes.Uniform(TimeSpan.FromSeconds(d), TimeSpan.FromSeconds(d)) : null),
        },
        ProviderConcurrency = new Dictionary<string, int> { ["docker"] = slots },
    };

    private static (int, double, double, double, double, double, int) Figures(SimulationRun run) =>
        (run.Overall.Jobs, run.Overall.WaitPercentile(50), run.Overall.WaitPercentile(95), run.Overall.WaitPercentile(99),
            run.Overall.RunnerMinutes, run.Overall.IdleMinutes, run.Overall.Runners);

    private static TraceRecord Job(double atSeconds, double seconds) => new()
    {
        Kind = TraceRecord.JobKind,
        Pool = "linux",
        Labels = ["linux"],
        Queued = T0.AddSeconds(atSeconds),
        Duration = seconds,
    };
}
