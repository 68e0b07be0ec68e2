using Hangar.Core.Instances;
using Hangar.Core.Planning;

namespace Hangar.Core.Tests.Planning;

/// <summary>
/// The TTL rules around a runner's end of life: a busy runner at its TTL is drained after its job and killed only at
/// <c>ttl + max_job_duration</c>; a runner close to its TTL is no longer supply, so its replacement is made in time.
/// </summary>
public sealed class PlannerExpiryTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromHours(12);
    private static readonly TimeSpan MaxJobDuration = TimeSpan.FromHours(6);
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    [Theory]
    [InlineData(0)]
    [InlineData(60)]
    [InlineData((6 * 60) - 1)]
    public void Plan_BusyPastTtlInsideMaxJobDuration_KeptToFinishItsJob(int minutesPastTtl)
    {
        var plan = Make.Plan([Make.Pool("a")], instances: [Make.Instance("a-1", "a", InstanceState.Busy, Ttl + TimeSpan.FromMinutes(minutesPastTtl))]);

        plan.Destroys.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Plan_BusyAtTtlPlusMaxJobDuration_DestroyedWithHardCap(int minutesPastCap)
    {
        var plan = Make.Plan([Make.Pool("a")], instances: [Make.Instance("a-1", "a", InstanceState.Busy, Ttl + MaxJobDuration + TimeSpan.FromMinutes(minutesPastCap))]);

        plan.Destroys.ShouldBe([new InstanceDestroy("a-1", "a", DestroyReason.HardCap)]);
    }

    [Fact]
    public void Plan_PoolMaxJobDuration_IsHonoured()
    {
        var pool = Make.Pool("a") with { Ttl = TimeSpan.FromHours(1), MaxJobDuration = TimeSpan.FromDays(3) };
        Instance[] instances =
        [
            Make.Instance("a-two-days", "a", InstanceState.Busy, TimeSpan.FromDays(2)),
            Make.Instance("a-four-days", "a", InstanceState.Busy, TimeSpan.FromDays(4)),
        ];

        Make.Plan([pool], instances: instances).Destroys.ShouldBe([new InstanceDestroy("a-four-days", "a", DestroyReason.HardCap)]);
    }

    [Fact]
    public void Plan_BusyPastTtl_StillHoldsItsSlot()
    {
        var plan = Make.Plan(
            [Make.Pool("a") with { MaxRunners = 1 }],
            [Make.Job(1) with { Pool = "a" }],
            [Make.Instance("a-1", "a", InstanceState.Busy, Ttl + TimeSpan.FromHours(1))]);

        plan.Destroys.ShouldBeEmpty();
        plan.Creates.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_MinIdleRunnerWithinIdleGraceOfItsTtl_NotSupply_ReplacementMade()
    {
        var pool = Make.Pool("a") with { MinIdle = 1, IdleGrace = TimeSpan.FromMinutes(2) };

        var plan = Make.Plan([pool], instances: [Make.Instance("a-1", "a", InstanceState.Idle, Ttl - TimeSpan.FromMinutes(2))]);

        plan.Destroys.ShouldBeEmpty();
        plan.Creates.ShouldBe([new PoolCreate("a", 1)]);
    }

    [Fact]
    public void Plan_MinIdleRunnerJustBeforeTheMargin_StillSupply()
    {
        var pool = Make.Pool("a") with { MinIdle = 1, IdleGrace = TimeSpan.FromMinutes(2) };

        var plan = Make.Plan([pool], instances: [Make.Instance("a-1", "a", InstanceState.Idle, Ttl - TimeSpan.FromMinutes(2) - Tick)]);

        plan.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Plan_RunnerNearItsTtl_NotCountedForAQueuedJob()
    {
        var plan = Make.Plan(
            [Make.Pool("a")],
            [Make.Job(1) with { Pool = "a" }],
            [Make.Instance("a-1", "a", InstanceState.Idle, Ttl - TimeSpan.FromSeconds(30))]);

        plan.Creates.ShouldBe([new PoolCreate("a", 1)]);
    }

    [Fact]
    public void Plan_RunnerNearItsTtl_StillHoldsItsSlot()
    {
        var pool = Make.Pool("a") with { MinIdle = 1, MaxRunners = 1 };

        var plan = Make.Plan([pool], instances: [Make.Instance("a-1", "a", InstanceState.Idle, Ttl - TimeSpan.FromSeconds(30))]);

        plan.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Plan_ZeroIdleGrace_MarginIsStillAMinute()
    {
        var pool = Make.Pool("a") with { MinIdle = 1, IdleGrace = TimeSpan.Zero };

        Make.Plan([pool], instances: [Make.Instance("a-1", "a", InstanceState.Idle, Ttl - TimeSpan.FromMinutes(1))])
            .Creates.ShouldBe([new PoolCreate("a", 1)]);
        Make.Plan([pool], instances: [Make.Instance("a-1", "a", InstanceState.Idle, Ttl - TimeSpan.FromMinutes(1) - Tick)])
            .IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Plan_ShortTtl_MarginIsAtMostAQuarterOfIt()
    {
        var pool = Make.Pool("a") with { MinIdle = 1, Ttl = TimeSpan.FromMinutes(4), IdleGrace = TimeSpan.FromMinutes(2) };

        Make.Plan([pool], instances: [Make.Instance("a-1", "a", InstanceState.Idle, TimeSpan.FromMinutes(3) - Tick)])
            .IsEmpty.ShouldBeTrue();
        Make.Plan([pool], instances: [Make.Instance("a-1", "a", InstanceState.Idle, TimeSpan.FromMinutes(3))])
            .Creates.ShouldBe([new PoolCreate("a", 1)]);
    }
}
