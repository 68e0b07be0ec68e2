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
