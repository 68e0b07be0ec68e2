using Hangar.Core.Instances;
using Hangar.Core.Planning;

namespace Hangar.Core.Tests.Planning;

/// <summary>Which instances the planner destroys for their own sake: boot timeout, TTL, done, failed, pool removed.</summary>
public sealed class PlannerReapingTests
{
    private static readonly TimeSpan BootTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Ttl = TimeSpan.FromHours(12);
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    [Theory]
    [InlineData(InstanceState.Pending)]
    [InlineData(InstanceState.Provisioning)]
    [InlineData(InstanceState.Booting)]
    public void Plan_StartingPastBootTimeout_DestroyedWithBootTimeout(InstanceState state)
    {
        var plan = Make.Plan([Make.Pool("a")], instances: [Make.Instance("a-1", "a", state, BootTimeout + TimeSpan.FromSeconds(1))]);

        plan.Destroys.ShouldBe([new InstanceDestroy("a-1", "a", DestroyReason.BootTimeout)]);
    }

    [Theory]
    [InlineData(InstanceState.Pending)]
    [InlineData(InstanceState.Provisioning)]
    [InlineData(InstanceState.Booting)]
    public void Plan_StartingExactlyAtBootDeadline_DestroyedWithBootTimeout(InstanceState state)
    {
        var plan = Make.Plan([Make.Pool("a")], instances: [Make.Instance("a-1", "a", state, BootTimeout)]);

        plan.Destroys.ShouldBe([new InstanceDestroy("a-1", "a", DestroyReason.BootTimeout)]);
    }

    [Theory]
    [InlineData(InstanceState.Pending)]
    [InlineData(InstanceState.Provisioning)]
    [InlineData(InstanceState.Booting)]
    public void Plan_StartingJustBeforeBootDeadline_Kept(InstanceState state)
    {
        var plan = Make.Plan([Make.Pool("a")], instances: [Make.Instance("a-1", "a", state, BootTimeout - Tick)]);

        plan.Destroys.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_BootTimeoutMeasuredFromCreation_NotFromLastStateChange()
    {
        // Booting for only a minute, but the instance was created eleven minutes ago.
        var instance = Make.Instance("a-1", "a", InstanceState.Booting, TimeSpan.FromMinutes(11), inState: TimeSpan.FromMinutes(1));

        Make.Plan([Make.Pool("a")], instances: [instance]).Destroys
            .ShouldBe([new InstanceDestroy("a-1", "a", DestroyReason.BootTimeout)]);
    }

    [Fact]
    public void Plan_PoolBootTimeout_IsHonoured()
    {
        var pool = Make.Pool("a") with { BootTimeout = TimeSpan.FromMinutes(2) };
        Instance[] instances =
        [
            Make.Instance("a-old", "a", InstanceState.Booting, TimeSpan.FromMinutes(3)),
            Make.Instance("a-new", "a", InstanceState.Booting, TimeSpan.FromMinutes(1)),
        ];

        Make.Plan([pool], instances: instances).Destroys.ShouldBe([new InstanceDestroy("a-old", "a", DestroyReason.BootTimeout)]);
    }

    [Theory]
    [InlineData(InstanceState.Idle)]
    [InlineData(InstanceState.Busy)]
    public void Plan_RunningInstancePastBootTimeout_NeverBootTimedOut(InstanceState state)
    {
        var plan = Make.Plan([Make.Pool("a") with { MinIdle = 1 }], instances: [Make.Instance("a-1", "a", state, TimeSpan.FromHours(2))]);

        plan.Destroys.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_BootTimedOutWhileDemandRemains_ReplacedInSamePlan()
    {
        var plan = Make.Plan(
            [Make.Pool("a")],
            [Make.Job(1) with { Pool = "a" }],
            [Make.Instance("a-1", "a", InstanceState.Booting, TimeSpan.FromMinutes(15))]);

        plan.Destroys.ShouldBe([new InstanceDestroy("a-1", "a", DestroyReason.BootTimeout)]);
        plan.Creates.ShouldBe([new PoolCreate("a", 1)]);
    }

    [Fact]
    public void Plan_BootTimedOutAtMaxRunners_StillReplacedInSamePlan()
    {
        var plan = Make.Plan(
            [Make.Pool("a") with { MaxRunners = 2 }],
            [Make.Job(1) with { Pool = "a" }, Make.Job(2) with { Pool = "a" }],
            [
                Make.Instance("a-1", "a", InstanceState.Provisioning, TimeSpan.FromMinutes(15)),
                Make.Instance("a-2", "a", InstanceState.Booting, TimeSpan.FromMinutes(1)),
            ]);

        plan.Destroys.ShouldBe([new InstanceDestroy("a-1", "a", DestroyReason.BootTimeout)]);
        plan.Creates.ShouldBe([new PoolCreate("a", 1)]);
    }

    [Fact]
    public void Plan_BootTimedOutWithoutDemand_NotReplaced()
    {
        var plan = Make.Plan([Make.Pool("a")], instances: [Make.Instance("a-1", "a", InstanceState.Pending, TimeSpan.FromMinutes(15))]);

        plan.Destroys.Count.ShouldBe(1);
        plan.Creates.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_BootTimedOutBelowMinIdle_ReplacedInSamePlan()
    {
        var plan = Make.Plan(
            [Make.Pool("a") with { MinIdle = 1 }],
            instances: [Make.Instance("a-1", "a", InstanceState.Booting, TimeSpan.FromMinutes(15))]);

        plan.Destroys.ShouldBe([new InstanceDestroy("a-1", "a", DestroyReason.BootTimeout)]);
        plan.Creates.ShouldBe([new PoolCreate("a", 1)]);
    }

    [Theory]
    [InlineData(InstanceState.Pending)]
    [InlineData(InstanceState.Provisioning)]
    [InlineData(InstanceState.Booting)]
    [InlineData(InstanceState.Idle)]
    public void Plan_LiveInstancePastTtl_DestroyedWithTtl(InstanceState state)
    {
        var plan = Make.Plan([Make.Pool("a")], instances: [Make.Instance("a-1", "a", state, Ttl + TimeSpan.FromMinutes(1), inState: Tick)]);

        plan.Destroys.ShouldBe([new InstanceDestroy("a-1", "a", DestroyReason.Ttl)]);
    }

    [Fact]
    public void Plan_IdleExactlyAtTtl_DestroyedWithTtl()
    {
        var plan = Make.Plan([Make.Pool("a")], instances: [Make.Instance("a-1", "a", InstanceState.Idle, Ttl, inState: Tick)]);

        plan.Destroys.ShouldBe([new InstanceDestroy("a-1", "a", DestroyReason.Ttl)]);
    }

    [Theory]
    [InlineData(InstanceState.Idle)]
    [InlineData(InstanceState.Busy)]
    public void Plan_JustUnderTtl_Kept(InstanceState state)
    {
        var plan = Make.Plan([Make.Pool("a") with { MinIdle = 1 }], instances: [Make.Instance("a-1", "a", state, Ttl - Tick, inState: Tick)]);

        plan.Destroys.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_PoolTtl_IsHonoured()
    {
        var pool = Make.Pool("a") with { Ttl = TimeSpan.FromMinutes(30) };

        var plan = Make.Plan([pool], instances: [Make.Instance("a-1", "a", InstanceState.Idle, TimeSpan.FromMinutes(31))]);

        plan.Destroys.ShouldBe([new InstanceDestroy("a-1", "a", DestroyReason.Ttl)]);
    }

    [Fact]
    public void Plan_IdlePastTtlBelowMinIdle_ReplacedInSamePlan()
    {
        var plan = Make.Plan(
            [Make.Pool("a") with { MinIdle = 1 }],
            instances: [Make.Instance("a-1", "a", InstanceState.Idle, TimeSpan.FromHours(13))]);

        plan.Destroys.ShouldBe([new InstanceDestroy("a-1", "a", DestroyReason.Ttl)]);
        plan.Creates.ShouldBe([new PoolCreate("a", 1)]);
    }

    [Fact]
    public void Plan_BusyPastHardCap_FreesItsSlot()
    {
        var plan = Make.Plan(
            [Make.Pool("a") with { MaxRunners = 1 }],
            [Make.Job(1) with { Pool = "a" }],
            [Make.Instance("a-1", "a", InstanceState.Busy, TimeSpan.FromHours(19))]);

        plan.Destroys.ShouldBe([new InstanceDestroy("a-1", "a", DestroyReason.HardCap)]);
        plan.Creates.ShouldBe([new PoolCreate("a", 1)]);
    }

    [Fact]
    public void Plan_Draining_DestroyedAsDrained()
    {
        var plan = Make.Plan([Make.Pool("a")], instances: [Make.Instance("a-1", "a", InstanceState.Draining, TimeSpan.FromMinutes(1))]);

        plan.Destroys.ShouldBe([new InstanceDestroy("a-1", "a", DestroyReason.Drained)]);
    }

    [Fact]
    public void Plan_Failed_DestroyedAsFailed()
    {
        var plan = Make.Plan([Make.Pool("a")], instances: [Make.Instance("a-1", "a", InstanceState.Failed, TimeSpan.FromMinutes(1))]);

        plan.Destroys.ShouldBe([new InstanceDestroy("a-1", "a", DestroyReason.Failed)]);
    }

    [Theory]
    [InlineData(InstanceState.Draining, DestroyReason.Drained)]
    [InlineData(InstanceState.Failed, DestroyReason.Failed)]
    public void Plan_DoneOrFailedPastTtl_KeepsItsOwnReason(InstanceState state, DestroyReason expected)
    {
        var plan = Make.Plan([Make.Pool("a")], instances: [Make.Instance("a-1", "a", state, TimeSpan.FromHours(20))]);

        plan.Destroys.ShouldBe([new InstanceDestroy("a-1", "a", expected)]);
    }

    [Theory]
    [InlineData(InstanceState.Deleting)]
    [InlineData(InstanceState.Deleted)]
    public void Plan_DeletingOrDeleted_LeftAlone(InstanceState state)
    {
        // Even past every deadline: a delete is already under way (or done).
        var plan = Make.Plan([Make.Pool("a")], instances: [Make.Instance("a-1", "a", state, TimeSpan.FromDays(2))]);

        plan.IsEmpty.ShouldBeTrue();
    }

    [Theory]
    [InlineData(InstanceState.Pending)]
    [InlineData(InstanceState.Provisioning)]
    [InlineData(InstanceState.Booting)]
    [InlineData(InstanceState.Idle)]
    [InlineData(InstanceState.Draining)]
    [InlineData(InstanceState.Failed)]
    public void Plan_InstanceOfRemovedPool_DestroyedAsPoolRemoved(InstanceState state)
    {
        var plan = Make.Plan([Make.Pool("a")], instances: [Make.Instance("gone-1", "gone", state, TimeSpan.FromMinutes(1))]);

        plan.Destroys.ShouldBe([new InstanceDestroy("gone-1", "gone", DestroyReason.PoolRemoved)]);
        plan.Creates.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_BusyInstanceOfRemovedPool_LeftToFinishItsJob()
    {
        var plan = Make.Plan([Make.Pool("a")], instances: [Make.Instance("gone-1", "gone", InstanceState.Busy, TimeSpan.FromMinutes(1))]);

        plan.IsEmpty.ShouldBeTrue();
    }

    [Theory]
    [InlineData(InstanceState.Deleting)]
    [InlineData(InstanceState.Deleted)]
    public void Plan_DeletingOrDeletedInstanceOfRemovedPool_LeftAlone(InstanceState state)
    {
        var plan = Make.Plan([], instances: [Make.Instance("gone-1", "gone", state, TimeSpan.FromMinutes(1))]);

        plan.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Plan_InstancesOfRemovedPool_DoNotCountTowardAnotherPool()
    {
        var plan = Make.Plan(
            [Make.Pool("a") with { MinIdle = 1 }],
            instances: [Make.Instance("gone-1", "gone", InstanceState.Idle, TimeSpan.FromMinutes(1))]);

        plan.Creates.ShouldBe([new PoolCreate("a", 1)]);
    }
}
