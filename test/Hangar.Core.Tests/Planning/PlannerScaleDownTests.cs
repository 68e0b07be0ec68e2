using Hangar.Core.Instances;
using Hangar.Core.Planning;

namespace Hangar.Core.Tests.Planning;

/// <summary>Retiring idle runners beyond what the pool needs, and what a disabled pool does.</summary>
public sealed class PlannerScaleDownTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Age = TimeSpan.FromHours(1);

    private static Instance Idle(string name, TimeSpan idleFor, string pool = "a") =>
        Make.Instance(name, pool, InstanceState.Idle, Age, inState: idleFor);

    [Fact]
    public void Plan_IdleSurplusPastGrace_Retired()
    {
        var plan = Make.Plan([Make.Pool("a")], instances: [Idle("a-1", Grace + TimeSpan.FromSeconds(1))]);

        plan.Destroys.ShouldBe([new InstanceDestroy("a-1", "a", DestroyReason.IdleSurplus)]);
        plan.Creates.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_IdleSurplusExactlyAtGrace_Retired()
    {
        var plan = Make.Plan([Make.Pool("a")], instances: [Idle("a-1", Grace)]);

        plan.Destroys.ShouldBe([new InstanceDestroy("a-1", "a", DestroyReason.IdleSurplus)]);
    }

    [Fact]
    public void Plan_IdleSurplusWithinGrace_Kept()
    {
        var plan = Make.Plan([Make.Pool("a")], instances: [Idle("a-1", Grace - TimeSpan.FromTicks(1))]);

        plan.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Plan_IdleGraceMeasuredFromBecomingIdle_NotFromCreation()
    {
        // Created an hour ago, but idle only since its job ended 30 s ago.
        var plan = Make.Plan([Make.Pool("a")], instances: [Idle("a-1", TimeSpan.FromSeconds(30))]);

        plan.Destroys.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_PoolIdleGrace_IsHonoured()
    {
        var pool = Make.Pool("a") with { IdleGrace = TimeSpan.FromMinutes(30) };

        Make.Plan([pool], instances: [Idle("a-1", TimeSpan.FromMinutes(29))]).Destroys.ShouldBeEmpty();
        Make.Plan([pool], instances: [Idle("a-1", TimeSpan.FromMinutes(31))]).Destroys.Count.ShouldBe(1);
    }

    [Fact]
    public void Plan_IdleAtMinIdle_Kept()
    {
        var plan = Make.Plan([Make.Pool("a") with { MinIdle = 2 }], instances: [Idle("a-1", Age), Idle("a-2", Age)]);

        plan.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Plan_IdleBeyondMinIdle_RetiresOldestIdleFirst()
    {
        Instance[] instances =
        [
            Idle("a-mid", TimeSpan.FromMinutes(20)),
            Idle("a-newest", TimeSpan.FromMinutes(5)),
            Idle("a-oldest", TimeSpan.FromMinutes(40)),
        ];

        var plan = Make.Plan([Make.Pool("a") with { MinIdle = 1 }], instances: instances);

        plan.Destroys.ShouldBe(
        [
            new InstanceDestroy("a-oldest", "a", DestroyReason.IdleSurplus),
            new InstanceDestroy("a-mid", "a", DestroyReason.IdleSurplus),
        ]);
    }

    [Fact]
    public void Plan_IdleSurplusSameIdleTime_RetiresByName()
    {
        Instance[] instances = [Idle("a-2", Age), Idle("a-3", Age), Idle("a-1", Age)];

        var plan = Make.Plan([Make.Pool("a") with { MinIdle = 1 }], instances: instances);

        plan.Destroys.Select(d => d.Instance).ShouldBe(["a-1", "a-2"]);
    }

    [Fact]
    public void Plan_IdleSurplusWithQueuedDemand_NeverRetiresBelowMinIdlePlusDemand()
    {
        Instance[] instances = [Idle("a-1", Age), Idle("a-2", Age), Idle("a-3", Age), Idle("a-4", Age)];

        var plan = Make.Plan([Make.Pool("a") with { MinIdle = 1 }], [Make.Job(1) with { Pool = "a" }, Make.Job(2)], instances);

        plan.Destroys.Select(d => d.Instance).ShouldBe(["a-1"]);
        plan.Creates.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_IdleMatchesDemand_NothingRetired()
    {
        var plan = Make.Plan([Make.Pool("a")], [Make.Job(1) with { Pool = "a" }], [Idle("a-1", Age)]);

        plan.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Plan_IdleSurplusPartlyWithinGrace_RetiresOnlyThosePastGrace()
    {
        Instance[] instances = [Idle("a-1", TimeSpan.FromMinutes(10)), Idle("a-2", TimeSpan.FromMinutes(1)), Idle("a-3", TimeSpan.FromSeconds(5))];

        var plan = Make.Plan([Make.Pool("a")], instances: instances);

        plan.Destroys.Select(d => d.Instance).ShouldBe(["a-1"]);
    }

    [Fact]
    public void Plan_BusyRunnersAndOneIdleAtMinIdle_IdleKept()
    {
        // Busy runners are not supply: with min_idle 1, the only idle runner stays however long it has idled.
        var instances = Make.Instances(3, "a", InstanceState.Busy, Age).Append(Idle("a-idle", Age)).ToArray();

        var plan = Make.Plan([Make.Pool("a") with { MinIdle = 1 }], instances: instances);

        plan.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Plan_IdleOfOtherPool_NotRetiredForThisPool()
    {
        var plan = Make.Plan(
            [Make.Pool("a"), Make.Pool("b") with { MinIdle = 1 }],
            instances: [Idle("b-1", Age, pool: "b")]);

        plan.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Plan_DisabledPoolWithMinIdleAndJobs_CreatesNothing()
    {
        var job = Make.Job(1);

        var plan = Make.Plan([Make.Pool("a") with { Enabled = false, MinIdle = 3 }], [job, Make.Job(2) with { Pool = "a" }]);

        plan.Creates.ShouldBeEmpty();
        plan.Routes.ShouldBeEmpty();
        plan.Unroutable.Select(u => u.Job).ShouldBe([Make.Key(1), Make.Key(2)]);
    }

    [Fact]
    public void Plan_DisabledPool_RetiresIdleDespiteMinIdle()
    {
        var plan = Make.Plan(
            [Make.Pool("a") with { Enabled = false, MinIdle = 2 }],
            instances: [Idle("a-1", Age), Idle("a-2", Age)]);

        plan.Destroys.ShouldBe(
        [
            new InstanceDestroy("a-1", "a", DestroyReason.IdleSurplus),
            new InstanceDestroy("a-2", "a", DestroyReason.IdleSurplus),
        ]);
        plan.Creates.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_DisabledPool_LeavesBusyRunnersToFinish()
    {
        var plan = Make.Plan(
            [Make.Pool("a") with { Enabled = false }],
            instances: [Make.Instance("a-1", "a", InstanceState.Busy, Age)]);

        plan.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Plan_DisabledPool_StillReapsPastDeadlines()
    {
        var plan = Make.Plan(
            [Make.Pool("a") with { Enabled = false }],
            instances: [Make.Instance("a-1", "a", InstanceState.Booting, TimeSpan.FromMinutes(30)), Make.Instance("a-2", "a", InstanceState.Draining, Age)]);

        plan.Destroys.ShouldBe(
        [
            new InstanceDestroy("a-1", "a", DestroyReason.BootTimeout),
            new InstanceDestroy("a-2", "a", DestroyReason.Drained),
        ]);
    }
}
