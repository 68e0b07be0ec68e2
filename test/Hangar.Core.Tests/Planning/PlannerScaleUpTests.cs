using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Planning;

namespace Hangar.Core.Tests.Planning;

/// <summary>How many runners the planner creates: min idle, demand and the max_runners cap.</summary>
public sealed class PlannerScaleUpTests
{
    private static readonly TimeSpan Young = TimeSpan.FromMinutes(1);

    [Fact]
    public void Plan_MinIdleAndNoJobs_CreatesMinIdle()
    {
        var plan = Make.Plan([Make.Pool("a") with { MinIdle = 3 }]);

        plan.Creates.ShouldBe([new PoolCreate("a", 3)]);
        plan.Destroys.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_NoMinIdleAndNoJobs_IsEmpty() =>
        Make.Plan([Make.Pool("a")]).IsEmpty.ShouldBeTrue();

    [Theory]
    [InlineData(InstanceState.Pending)]
    [InlineData(InstanceState.Provisioning)]
    [InlineData(InstanceState.Booting)]
    [InlineData(InstanceState.Idle)]
    public void Plan_MinIdleAlreadyCoveredBySupply_CreatesNothing(InstanceState state)
    {
        var plan = Make.Plan([Make.Pool("a") with { MinIdle = 2 }], instances: [.. Make.Instances(2, "a", state, Young)]);

        plan.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Plan_MinIdleCoveredByMixOfStartingRunners_CreatesNothing()
    {
        var instances = new[]
        {
            Make.Instance("a-1", "a", InstanceState.Pending, Young),
            Make.Instance("a-2", "a", InstanceState.Provisioning, Young),
            Make.Instance("a-3", "a", InstanceState.Booting, Young),
        };

        Make.Plan([Make.Pool("a") with { MinIdle = 3 }], instances: instances).Creates.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_MinIdlePartlyCovered_CreatesOnlyTheShortfall()
    {
        var instances = new[]
        {
            Make.Instance("a-1", "a", InstanceState.Booting, Young),
            Make.Instance("a-2", "a", InstanceState.Idle, Young),
        };

        Make.Plan([Make.Pool("a") with { MinIdle = 5 }], instances: instances).Creates.ShouldBe([new PoolCreate("a", 3)]);
    }

    [Theory]
    [InlineData(InstanceState.Busy)]
    [InlineData(InstanceState.Draining)]
    [InlineData(InstanceState.Deleting)]
    [InlineData(InstanceState.Failed)]
    [InlineData(InstanceState.Deleted)]
    public void Plan_MinIdleWithRunnersThatCannotTakeAJob_StillCreatesMinIdle(InstanceState state)
    {
        var plan = Make.Plan([Make.Pool("a") with { MinIdle = 2 }], instances: [.. Make.Instances(2, "a", state, Young)]);

        plan.CreatesIn("a").ShouldBe(2);
    }

    [Fact]
    public void Plan_QueuedJobsRoutedToPool_CreatesOnePerJob()
    {
        var plan = Make.Plan([Make.Pool("a")], jobs: [Make.Job(1), Make.Job(2), Make.Job(3)]);

        plan.Routes.ShouldBe([new JobRoute(Make.Key(1), "a"), new JobRoute(Make.Key(2), "a"), new JobRoute(Make.Key(3), "a")]);
        plan.Creates.ShouldBe([new PoolCreate("a", 3)]);
    }

    [Fact]
    public void Plan_DemandPlusMinIdle_CreatesBoth()
    {
        var plan = Make.Plan([Make.Pool("a") with { MinIdle = 2 }], jobs: [Make.Job(1), Make.Job(2)]);

        plan.CreatesIn("a").ShouldBe(4);
    }

    [Fact]
    public void Plan_DemandPartlyCoveredByIdleAndStartingRunners_CreatesOnlyTheShortfall()
    {
        var instances = new[]
        {
            Make.Instance("a-1", "a", InstanceState.Idle, Young),
            Make.Instance("a-2", "a", InstanceState.Pending, Young),
        };
        var jobs = new[] { Make.Job(1), Make.Job(2), Make.Job(3) };

        Make.Plan([Make.Pool("a")], jobs, instances).Creates.ShouldBe([new PoolCreate("a", 1)]);
    }

    [Fact]
    public void Plan_DemandCoveredBySupply_CreatesNothing()
    {
        var jobs = new[] { Make.Job(1) with { Pool = "a" }, Make.Job(2) with { Pool = "a" } };

        var plan = Make.Plan([Make.Pool("a")], jobs, [.. Make.Instances(2, "a", InstanceState.Booting, Young)]);

        plan.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Plan_BusyRunnersAreNotSupply_CreateForNewDemand()
    {
        var plan = Make.Plan([Make.Pool("a")], [Make.Job(1)], [.. Make.Instances(3, "a", InstanceState.Busy, Young)]);

        plan.CreatesIn("a").ShouldBe(1);
    }

    [Theory]
    [InlineData(JobStatus.Waiting)]
    [InlineData(JobStatus.InProgress)]
    [InlineData(JobStatus.Completed)]
    public void Plan_JobNotQueued_IsNotDemandAndNotRouted(JobStatus status)
    {
        var plan = Make.Plan([Make.Pool("a")], jobs: [Make.Job(1) with { Status = status }, Make.Job(2) with { Status = status, Pool = "a" }]);

        plan.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Plan_DemandAboveMaxRunners_CreatesUpToMax()
    {
        var jobs = Enumerable.Range(1, 20).Select(i => Make.Job(i)).ToArray();

        var plan = Make.Plan([Make.Pool("a") with { MaxRunners = 4 }], jobs);

        plan.Creates.ShouldBe([new PoolCreate("a", 4)]);
        plan.Routes.Count.ShouldBe(20);
    }

    [Fact]
    public void Plan_MinIdleAboveMaxRunners_CreatesUpToMax() =>
        Make.Plan([Make.Pool("a") with { MinIdle = 5, MaxRunners = 2 }]).Creates.ShouldBe([new PoolCreate("a", 2)]);

    [Fact]
    public void Plan_BusyRunnersTakeSlots_CreatesOnlyRemainingRoom()
    {
        var jobs = Enumerable.Range(1, 5).Select(i => Make.Job(i)).ToArray();

        var plan = Make.Plan([Make.Pool("a") with { MaxRunners = 5 }], jobs, [.. Make.Instances(3, "a", InstanceState.Busy, Young)]);

        plan.Creates.ShouldBe([new PoolCreate("a", 2)]);
    }

    [Fact]
    public void Plan_BusyAndSupplyTakeSlots_CreatesOnlyRemainingRoom()
    {
        var instances = Make.Instances(2, "a", InstanceState.Busy, Young)
            .Concat(Make.Instances(1, "a", InstanceState.Booting, Young))
            .Concat(Make.Instances(1, "a", InstanceState.Idle, Young))
            .ToArray();
        var jobs = Enumerable.Range(1, 6).Select(i => Make.Job(i)).ToArray();

        var plan = Make.Plan([Make.Pool("a") with { MaxRunners = 5 }], jobs, instances);

        plan.Creates.ShouldBe([new PoolCreate("a", 1)]);
    }

    [Fact]
    public void Plan_BusyRunnersFillMax_CreatesNothing()
    {
        var plan = Make.Plan(
            [Make.Pool("a") with { MaxRunners = 3, MinIdle = 1 }],
            [Make.Job(1), Make.Job(2)],
            [.. Make.Instances(3, "a", InstanceState.Busy, Young)]);

        plan.Creates.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_MoreRunnersThanMax_CreatesNothing()
    {
        // max_runners lowered below what is running: never a negative create, and busy runners are left alone.
        var plan = Make.Plan(
            [Make.Pool("a") with { MaxRunners = 1 }],
            [Make.Job(1)],
            [.. Make.Instances(4, "a", InstanceState.Busy, Young)]);

        plan.Creates.ShouldBeEmpty();
        plan.Destroys.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_MaxRunnersZero_CreatesNothing() =>
        Make.Plan([Make.Pool("a") with { MaxRunners = 0, MinIdle = 2 }], [Make.Job(1)]).Creates.ShouldBeEmpty();

    [Fact]
    public void Plan_TwoPools_CreatesPerPoolInPoolOrder()
    {
        var plan = Make.Plan(
            [Make.Pool("b", "windows") with { MinIdle = 1 }, Make.Pool("a") with { MinIdle = 2 }],
            [Make.Job(1), Make.Job(2, "self-hosted", "windows")]);

        plan.Creates.ShouldBe([new PoolCreate("b", 2), new PoolCreate("a", 3)]);
    }
}
