using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Planning;
using Hangar.Core.Pools;

namespace Hangar.Core.Tests.Planning;

/// <summary>Properties of the planner as a whole: a steady state plans nothing, and the function is pure.</summary>
public sealed class PlannerTests
{
    private static PlannerInput Busy()
    {
        PoolSpec[] pools =
        [
            Make.Pool("linux-small", "linux") with { MinIdle = 1, MaxRunners = 4 },
            Make.Pool("linux-big", "linux", "large") with { Priority = 1, MaxRunners = 3 },
            Make.Pool("gpu", "linux", "gpu") with { Enabled = false, MinIdle = 1 },
        ];
        Job[] jobs =
        [
            Make.Job(1),
            Make.Job(2, "self-hosted", "linux", "large"),
            Make.Job(3) with { Pool = "linux-small" },
            Make.Job(4, "self-hosted", "windows"),
            Make.Job(5) with { Status = JobStatus.InProgress, Pool = "linux-big" },
            Make.Job(6, "self-hosted", "linux", "gpu"),
            Make.Job(7),
        ];
        Instance[] instances =
        [
            Make.Instance("small-1", "linux-small", InstanceState.Idle, TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(10)),
            Make.Instance("small-2", "linux-small", InstanceState.Booting, TimeSpan.FromMinutes(12)),
            Make.Instance("small-3", "linux-small", InstanceState.Busy, TimeSpan.FromMinutes(5)),
            Make.Instance("big-1", "linux-big", InstanceState.Busy, TimeSpan.FromHours(19)),
            Make.Instance("big-2", "linux-big", InstanceState.Draining, TimeSpan.FromMinutes(40)),
            Make.Instance("gpu-1", "gpu", InstanceState.Idle, TimeSpan.FromHours(1)),
            Make.Instance("old-1", "retired-pool", InstanceState.Failed, TimeSpan.FromHours(1)),
        ];
        return new PlannerInput(pools, jobs, instances, Make.Now);
    }

    [Fact]
    public void Plan_SameInputTwice_EqualPlans()
    {
        var input = Busy();

        var first = Planner.Plan(input);
        var second = Planner.Plan(input with { });

        first.IsEmpty.ShouldBeFalse();
        second.Routes.ShouldBe(first.Routes);
        second.Unroutable.ShouldBe(first.Unroutable);
        second.Creates.ShouldBe(first.Creates);
        second.Destroys.ShouldBe(first.Destroys);
    }

    [Fact]
    public void Plan_MixedInput_MatchesHandComputedPlan()
    {
        var plan = Planner.Plan(Busy());

        // Jobs 1 and 7 fit both linux pools; linux-big has the higher priority. Job 2 needs "large".
        plan.Routes.ShouldBe(
        [
            new JobRoute(Make.Key(1), "linux-big"),
            new JobRoute(Make.Key(2), "linux-big"),
            new JobRoute(Make.Key(7), "linux-big"),
        ]);
        plan.Unroutable.Select(u => u.Job).ShouldBe([Make.Key(4), Make.Key(6)]);
        plan.Destroys.ShouldBe(
        [
            new InstanceDestroy("small-2", "linux-small", DestroyReason.BootTimeout),
            new InstanceDestroy("big-1", "linux-big", DestroyReason.HardCap),
            new InstanceDestroy("big-2", "linux-big", DestroyReason.Drained),
            new InstanceDestroy("old-1", "retired-pool", DestroyReason.PoolRemoved),
            new InstanceDestroy("gpu-1", "gpu", DestroyReason.IdleSurplus),
        ]);
        // linux-small: demand 1 (job 3) + min_idle 1 − supply 1 (small-1) = 1, room 4 − 2 = 2.
        // linux-big: demand 3, supply 0, room 3 (its only busy runner is past its hard cap, ttl + max_job_duration).
        plan.Creates.ShouldBe([new PoolCreate("linux-small", 1), new PoolCreate("linux-big", 3)]);
    }

    [Fact]
    public void Plan_Input_IsNotModified()
    {
        var input = Busy();
        var pools = input.Pools.ToArray();
        var jobs = input.Jobs.ToArray();
        var instances = input.Instances.ToArray();

        Planner.Plan(input);

        input.Pools.ShouldBe(pools);
        input.Jobs.ShouldBe(jobs);
        input.Instances.ShouldBe(instances);
    }

    [Fact]
    public void Plan_SteadyState_IsEmpty()
    {
        var plan = Make.Plan(
            [Make.Pool("a") with { MinIdle = 1 }],
            [Make.Job(1) with { Pool = "a" }, Make.Job(2) with { Status = JobStatus.InProgress, Pool = "a" }],
            [
                Make.Instance("a-1", "a", InstanceState.Idle, TimeSpan.FromMinutes(20)),
                Make.Instance("a-2", "a", InstanceState.Booting, TimeSpan.FromMinutes(1)),
                Make.Instance("a-3", "a", InstanceState.Busy, TimeSpan.FromMinutes(5)),
                Make.Instance("a-4", "a", InstanceState.Deleting, TimeSpan.FromMinutes(50)),
            ]);

        plan.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Plan_LaterNow_OnlyTimeDecides()
    {
        var input = new PlannerInput(
            [Make.Pool("a")],
            [],
            [Make.Instance("a-1", "a", InstanceState.Booting, TimeSpan.FromMinutes(5))],
            Make.Now);

        Planner.Plan(input).IsEmpty.ShouldBeTrue();
        Planner.Plan(input with { Now = Make.Now.AddMinutes(5) }).Destroys
            .ShouldBe([new InstanceDestroy("a-1", "a", DestroyReason.BootTimeout)]);
    }
}
