using Hangar.Core.Instances;
using Hangar.Core.Planning;
using Hangar.Core.Pools;

namespace Hangar.Core.Tests.Planning;

/// <summary>How the planner assigns queued jobs to pools and reports the ones no pool can serve.</summary>
public sealed class PlannerRoutingTests
{
    private static readonly TimeSpan Young = TimeSpan.FromMinutes(1);

    [Fact]
    public void Plan_JobAlreadyRouted_KeepsPoolWithoutNewRoute()
    {
        // "b" would win a fresh routing decision; the stored route to "a" still stands.
        PoolSpec[] pools = [Make.Pool("a"), Make.Pool("b") with { Priority = 10 }];

        var plan = Make.Plan(pools, [Make.Job(1) with { Pool = "a" }]);

        plan.Routes.ShouldBeEmpty();
        plan.Creates.ShouldBe([new PoolCreate("a", 1)]);
    }

    [Fact]
    public void Plan_RoutedPoolRemoved_ReroutesToAServingPool()
    {
        var plan = Make.Plan([Make.Pool("b")], [Make.Job(1) with { Pool = "gone" }]);

        plan.Routes.ShouldBe([new JobRoute(Make.Key(1), "b")]);
        plan.Creates.ShouldBe([new PoolCreate("b", 1)]);
    }

    [Fact]
    public void Plan_RoutedPoolDisabled_ReroutesToAServingPool()
    {
        var plan = Make.Plan([Make.Pool("a") with { Enabled = false }, Make.Pool("b")], [Make.Job(1) with { Pool = "a" }]);

        plan.Routes.ShouldBe([new JobRoute(Make.Key(1), "b")]);
        plan.CreatesIn("a").ShouldBe(0);
        plan.CreatesIn("b").ShouldBe(1);
    }

    [Fact]
    public void Plan_RoutedPoolLostTheLabel_Reroutes()
    {
        var plan = Make.Plan([Make.Pool("a", "x64"), Make.Pool("b", "linux")], [Make.Job(1) with { Pool = "a" }]);

        plan.Routes.ShouldBe([new JobRoute(Make.Key(1), "b")]);
    }

    [Fact]
    public void Plan_TwoPoolsDifferentPriority_HigherPriorityGetsEveryJobEvenWhenMoreLoaded()
    {
        PoolSpec[] pools = [Make.Pool("low") with { Priority = 0 }, Make.Pool("high") with { Priority = 5 }];
        var busy = Make.Instances(4, "high", InstanceState.Busy, Young).ToArray();

        var plan = Make.Plan(pools, [Make.Job(1), Make.Job(2), Make.Job(3)], busy);

        plan.Routes.ShouldAllBe(r => r.Pool == "high");
        plan.Routes.Count.ShouldBe(3);
        plan.Creates.ShouldBe([new PoolCreate("high", 3)]);
    }

    [Fact]
    public void Plan_HigherPriorityPoolLacksLabel_LowerPriorityPoolGetsJob()
    {
        PoolSpec[] pools = [Make.Pool("gpu", "linux", "gpu") with { Priority = 5 }, Make.Pool("plain", "linux", "x64")];

        var plan = Make.Plan(pools, [Make.Job(1, "self-hosted", "linux", "x64"), Make.Job(2, "self-hosted", "linux", "gpu")]);

        plan.Routes.ShouldBe([new JobRoute(Make.Key(1), "plain"), new JobRoute(Make.Key(2), "gpu")]);
        plan.Creates.ShouldBe([new PoolCreate("gpu", 1), new PoolCreate("plain", 1)]);
    }

    [Fact]
    public void Plan_HigherPriorityPoolOfOtherTarget_IsNotUsed()
    {
        PoolSpec[] pools =
        [
            Make.Pool("other-org") with { Priority = 9, Target = ForgeTarget.Organization("other") },
            Make.Pool("acme"),
        ];

        Make.Plan(pools, [Make.Job(1)]).Routes.ShouldBe([new JobRoute(Make.Key(1), "acme")]);
    }

    [Fact]
    public void Plan_EqualPriority_SpreadsNewJobsToLeastLoaded()
    {
        var plan = Make.Plan([Make.Pool("a"), Make.Pool("b")], [Make.Job(1), Make.Job(2), Make.Job(3), Make.Job(4)]);

        plan.Routes.ShouldBe(
        [
            new JobRoute(Make.Key(1), "a"),
            new JobRoute(Make.Key(2), "b"),
            new JobRoute(Make.Key(3), "a"),
            new JobRoute(Make.Key(4), "b"),
        ]);
        plan.Creates.ShouldBe([new PoolCreate("a", 2), new PoolCreate("b", 2)]);
    }

    [Fact]
    public void Plan_EqualPriority_BusyRunnersCountAsLoad()
    {
        var busy = Make.Instances(2, "a", InstanceState.Busy, Young).ToArray();

        var plan = Make.Plan([Make.Pool("a"), Make.Pool("b")], [Make.Job(1), Make.Job(2), Make.Job(3)], busy);

        plan.Routes.Select(r => r.Pool).ShouldBe(["b", "b", "a"]);
    }

    [Fact]
    public void Plan_EqualPriority_JobsAlreadyRoutedCountAsLoadWhereverTheyAreListed()
    {
        // Pool "a" already owes two jobs, so a new job belongs to "b" — whether the routed jobs come before or after
        // it in the input (the store's order is not a routing criterion).
        PoolSpec[] pools = [Make.Pool("a"), Make.Pool("b")];
        var routed = new[] { Make.Job(2) with { Pool = "a" }, Make.Job(3) with { Pool = "a" } };

        var newFirst = Make.Plan(pools, [Make.Job(1), .. routed]);
        var newLast = Make.Plan(pools, [.. routed, Make.Job(1)]);

        newFirst.Routes.ShouldBe([new JobRoute(Make.Key(1), "b")]);
        newLast.Routes.ShouldBe([new JobRoute(Make.Key(1), "b")]);
    }

    [Fact]
    public void Plan_NoPoolServesJob_ReportsUnroutableWithReason()
    {
        var job = Make.Job(1, "self-hosted", "windows");

        var plan = Make.Plan([Make.Pool("a")], [job]);

        plan.Unroutable.ShouldBe([new UnroutableJob(Make.Key(1), JobRouter.UnroutableReason(job))]);
        plan.Unroutable[0].Reason.ShouldContain("windows");
        plan.Routes.ShouldBeEmpty();
        plan.Creates.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_UnroutableWithSameStoredReason_NotReportedAgain()
    {
        var job = Make.Job(1, "self-hosted", "windows");
        job = job with { UnroutableReason = JobRouter.UnroutableReason(job) };

        Make.Plan([Make.Pool("a")], [job]).IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Plan_UnroutableWithDifferentStoredReason_ReportedAgain()
    {
        var job = Make.Job(1, "self-hosted", "windows") with { UnroutableReason = "an older wording" };

        Make.Plan([Make.Pool("a")], [job]).Unroutable.ShouldBe([new UnroutableJob(Make.Key(1), JobRouter.UnroutableReason(job))]);
    }

    [Fact]
    public void Plan_RoutedJobWhosePoolCanNoLongerServeAndNoOtherCan_ReportedUnroutable()
    {
        var job = Make.Job(1) with { Pool = "a" };

        var plan = Make.Plan([Make.Pool("a") with { Enabled = false }], [job]);

        plan.Unroutable.ShouldBe([new UnroutableJob(Make.Key(1), JobRouter.UnroutableReason(job))]);
        plan.Routes.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_StaleRouteWithSameStoredReason_ReportedSoTheRouteIsCleared()
    {
        // The stored reason alone must not silence the report while the job still points at a pool.
        var job = Make.Job(1) with { Pool = "a" };
        job = job with { UnroutableReason = JobRouter.UnroutableReason(job) };

        var plan = Make.Plan([Make.Pool("a") with { Enabled = false }], [job]);

        plan.Unroutable.ShouldBe([new UnroutableJob(Make.Key(1), JobRouter.UnroutableReason(job))]);
    }

    [Fact]
    public void Plan_PreviouslyUnroutableJobNowServable_IsRouted()
    {
        var job = Make.Job(1) with { UnroutableReason = "no pool yesterday" };

        var plan = Make.Plan([Make.Pool("a")], [job]);

        plan.Routes.ShouldBe([new JobRoute(Make.Key(1), "a")]);
        plan.Unroutable.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_NoPoolsAtAll_EveryQueuedJobUnroutable()
    {
        var plan = Make.Plan([], [Make.Job(1), Make.Job(2)]);

        plan.Unroutable.Select(u => u.Job).ShouldBe([Make.Key(1), Make.Key(2)]);
    }

    [Fact]
    public void Plan_JobOfOtherForge_NotServedByPoolOfThisForge()
    {
        var job = Make.Job(1) with { Forge = "gitea" };

        var plan = Make.Plan([Make.Pool("a")], [job]);

        plan.Unroutable.ShouldBe([new UnroutableJob(new(job.Forge, 1), JobRouter.UnroutableReason(job))]);
    }
}
