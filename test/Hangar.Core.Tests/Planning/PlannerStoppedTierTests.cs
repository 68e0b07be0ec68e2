using Hangar.Core.Instances;
using Hangar.Core.Planning;

namespace Hangar.Core.Tests.Planning;

/// <summary>The stopped tier: hot supply first, then stopped machines started, then cold creates; min_stopped refilled.</summary>
public sealed class PlannerStoppedTierTests
{
    private static readonly TimeSpan Young = TimeSpan.FromMinutes(1);

    private static Instance Stopped(string name, TimeSpan age) =>
        Make.Instance(name, "a", InstanceState.Stopped, age) with { StoppedTier = true };

    [Fact]
    public void Plan_MinStoppedAndNothing_PreparesMinStoppedAndCreatesNothing()
    {
        var plan = Make.Plan([Make.Pool("a") with { MinStopped = 2 }]);

        plan.Prepares.ShouldBe([new PoolCreate("a", 2)]);
        plan.Creates.ShouldBeEmpty();
        plan.Starts.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(InstanceState.Pending)]
    [InlineData(InstanceState.Provisioning)]
    [InlineData(InstanceState.Stopped)]
    public void Plan_MinStoppedCoveredByTierBeingMadeOrMade_PreparesNothing(InstanceState state)
    {
        var instances = Make.Instances(2, "a", state, Young).Select(i => i with { StoppedTier = true }).ToList();

        Make.Plan([Make.Pool("a") with { MinStopped = 2 }], instances: instances).IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Plan_JobAndStoppedMachine_StartsItInsteadOfCreatingAndRefillsOnlyOnceStarted()
    {
        var plan = Make.Plan(
            [Make.Pool("a") with { MinStopped = 1 }],
            jobs: [Make.Job(1) with { Pool = "a" }],
            instances: [Stopped("a-s1", Young)]);

        plan.Starts.ShouldBe([new InstanceStart("a-s1", "a")]);
        plan.Creates.ShouldBeEmpty();
        // A refill's create would compete with the start for the provider: it waits for the next pass.
        plan.Prepares.ShouldBeEmpty();

        var started = Make.Instance("a-s1", "a", InstanceState.Booting, Young) with { StoppedTier = true, StartedAt = Make.Now };
        Make.Plan([Make.Pool("a") with { MinStopped = 1 }], jobs: [Make.Job(1) with { Pool = "a" }], instances: [started])
            .Prepares.ShouldBe([new PoolCreate("a", 1)]);
    }

    [Fact]
    public void Plan_JobWithIdleRunnerAndStoppedMachine_UsesTheIdleOneFirst()
    {
        var plan = Make.Plan(
            [Make.Pool("a") with { MinStopped = 1 }],
            jobs: [Make.Job(1) with { Pool = "a" }],
            instances: [Make.Instance("a-1", "a", InstanceState.Idle, Young), Stopped("a-s1", Young)]);

        plan.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Plan_MoreJobsThanStopped_StartsAllStoppedThenCreatesColdForTheRest()
    {
        var plan = Make.Plan(
            [Make.Pool("a") with { MinStopped = 2, MaxRunners = 10 }],
            jobs: [.. Enumerable.Range(1, 5).Select(i => Make.Job(i) with { Pool = "a" })],
            instances: [Stopped("a-s1", Young), Stopped("a-s2", Young)]);

        plan.Starts.Select(s => s.Instance).Order().ShouldBe(["a-s1", "a-s2"]);
        plan.Creates.ShouldBe([new PoolCreate("a", 3)]);
        plan.Prepares.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_OneJobTwoStopped_StartsTheOldest()
    {
        var plan = Make.Plan(
            [Make.Pool("a") with { MinStopped = 2 }],
            jobs: [Make.Job(1) with { Pool = "a" }],
            instances: [Stopped("a-new", Young), Stopped("a-old", TimeSpan.FromMinutes(30))]);

        plan.Starts.ShouldBe([new InstanceStart("a-old", "a")]);
        plan.Prepares.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_StoppedMachinesHoldSlots_ColdCreatesAndRefillStayUnderMaxRunners()
    {
        var plan = Make.Plan(
            [Make.Pool("a") with { MinStopped = 2, MaxRunners = 3 }],
            jobs: [.. Enumerable.Range(1, 4).Select(i => Make.Job(i) with { Pool = "a" })],
            instances: [Stopped("a-s1", Young), Stopped("a-s2", Young)]);

        // Two started (they keep their slots), one cold create fills the third slot, no room left to refill.
        plan.Starts.Count.ShouldBe(2);
        plan.Creates.ShouldBe([new PoolCreate("a", 1)]);
        plan.Prepares.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_FullPoolOfStoppedMachines_RefillsNothing()
    {
        var plan = Make.Plan(
            [Make.Pool("a") with { MinStopped = 3, MaxRunners = 2 }],
            instances: [Stopped("a-s1", Young), Make.Instance("a-1", "a", InstanceState.Busy, Young)]);

        plan.Prepares.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_MoreStoppedThanMinStopped_RetiresTheOldestSurplus()
    {
        var plan = Make.Plan(
            [Make.Pool("a") with { MinStopped = 1 }],
            instances: [Stopped("a-new", Young), Stopped("a-old", TimeSpan.FromMinutes(30))]);

        plan.Destroys.ShouldBe([new InstanceDestroy("a-old", "a", DestroyReason.StoppedSurplus)]);
        plan.Prepares.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_DisabledPool_RetiresItsStoppedMachinesAndStartsNone()
    {
        var plan = Make.Plan(
            [Make.Pool("a") with { MinStopped = 2, Enabled = false }],
            jobs: [Make.Job(1) with { Pool = "a" }],
            instances: [Stopped("a-s1", Young)]);

        plan.Starts.ShouldBeEmpty();
        plan.Prepares.ShouldBeEmpty();
        plan.Destroys.ShouldBe([new InstanceDestroy("a-s1", "a", DestroyReason.StoppedSurplus)]);
    }

    [Fact]
    public void Plan_StoppedPastTtl_IsDestroyedNotStarted()
    {
        var pool = Make.Pool("a") with { MinStopped = 1, Ttl = TimeSpan.FromHours(1) };

        var plan = Make.Plan([pool], jobs: [Make.Job(1) with { Pool = "a" }], instances: [Stopped("a-s1", TimeSpan.FromHours(2))]);

        plan.Starts.ShouldBeEmpty();
        plan.Destroys.ShouldBe([new InstanceDestroy("a-s1", "a", DestroyReason.Ttl)]);
        plan.Creates.ShouldBe([new PoolCreate("a", 1)]);
    }

    [Fact]
    public void Plan_StoppedPastBootTimeout_IsKeptAndStarted()
    {
        // A stopped machine waits for a job until its TTL: the boot deadline is for machines meant to be running.
        var pool = Make.Pool("a") with { MinStopped = 1, BootTimeout = TimeSpan.FromMinutes(5), Ttl = TimeSpan.FromHours(4) };

        var plan = Make.Plan([pool], jobs: [Make.Job(1) with { Pool = "a" }], instances: [Stopped("a-s1", TimeSpan.FromHours(1))]);

        plan.Starts.ShouldBe([new InstanceStart("a-s1", "a")]);
        plan.Destroys.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_StartedFromStoppedLongAfterCreation_BootTimeoutCountsFromTheStart()
    {
        var pool = Make.Pool("a") with { BootTimeout = TimeSpan.FromMinutes(5), Ttl = TimeSpan.FromHours(4) };
        var booting = Make.Instance("a-s1", "a", InstanceState.Booting, TimeSpan.FromHours(3)) with
        {
            StoppedTier = true,
            StartedAt = Make.Now - TimeSpan.FromMinutes(1),
        };

        Planner.ExpiryReason(booting, pool, Make.Now).ShouldBeNull();
        Planner.ExpiryReason(booting with { StartedAt = Make.Now - TimeSpan.FromMinutes(6) }, pool, Make.Now).ShouldBe(DestroyReason.BootTimeout);
        Planner.ExpiryReason(booting with { StartedAt = null }, pool, Make.Now).ShouldBe(DestroyReason.BootTimeout);
    }

    [Fact]
    public void Plan_StartedFromStoppedNearCreationTtl_StillCountsAsSupply()
    {
        var pool = Make.Pool("a") with { Ttl = TimeSpan.FromHours(1), MinIdle = 1 };
        var idle = Make.Instance("a-s1", "a", InstanceState.Idle, TimeSpan.FromMinutes(59)) with
        {
            StoppedTier = true,
            StartedAt = Make.Now - TimeSpan.FromMinutes(2),
        };

        Make.Plan([pool], instances: [idle]).IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Plan_StoppedTierIntentsAreNotHotSupply_MinIdleStillCreates()
    {
        var preparing = Make.Instance("a-s1", "a", InstanceState.Pending, Young) with { StoppedTier = true };

        var plan = Make.Plan([Make.Pool("a") with { MinIdle = 1, MinStopped = 1 }], instances: [preparing]);

        plan.Creates.ShouldBe([new PoolCreate("a", 1)]);
        plan.Prepares.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_PressureOnlyPool_KeepsNoStoppedTier() =>
        Make.Plan([Make.Pool("a") with { MinStopped = 2, Provider = "none" }]).Prepares.ShouldBeEmpty();
}
