using Hangar.Core.Instances;
using Hangar.Core.Planning;

namespace Hangar.Core.Tests.Planning;

/// <summary>An operator's removal request: drained (now when it holds no job, after its job when busy) or forced (killed now).</summary>
public sealed class PlannerRemovalTests
{
    private static readonly TimeSpan Age = TimeSpan.FromMinutes(5);

    private static Plan PlanWith(Instance instance, bool force, int minIdle = 0) =>
        Planner.Plan(new PlannerInput([Make.Pool("a") with { MinIdle = minIdle }], [], [instance], Make.Now)
        {
            Removals = new Dictionary<string, bool> { [instance.Name] = force },
        });

    [Theory]
    [InlineData(InstanceState.Pending)]
    [InlineData(InstanceState.Booting)]
    [InlineData(InstanceState.Idle)]
    public void Plan_RemovalOfARunnerWithoutAJob_DestroyedNowAsRemoved(InstanceState state)
    {
        var plan = PlanWith(Make.Instance("a-1", "a", state, Age), force: false);

        plan.Destroys.ShouldBe([new InstanceDestroy("a-1", "a", DestroyReason.Removed)]);
    }

    [Fact]
    public void Plan_RemovalOfABusyRunner_KeptUntilItsJobEnds()
    {
        var plan = PlanWith(Make.Instance("a-1", "a", InstanceState.Busy, Age), force: false);

        plan.Destroys.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_RemovalOfABusyRunnerWhoseJobEnded_DestroyedAsDrained()
    {
        var plan = PlanWith(Make.Instance("a-1", "a", InstanceState.Draining, Age), force: false);

        plan.Destroys.ShouldBe([new InstanceDestroy("a-1", "a", DestroyReason.Drained)]);
    }

    [Theory]
    [InlineData(InstanceState.Busy)]
    [InlineData(InstanceState.Idle)]
    public void Plan_ForcedRemoval_KilledNowAsAHardCap(InstanceState state)
    {
        var plan = PlanWith(Make.Instance("a-1", "a", state, Age), force: true);

        plan.Destroys.ShouldBe([new InstanceDestroy("a-1", "a", DestroyReason.HardCap)]);
    }

    [Fact]
    public void Plan_ForcedRemovalOfABusyRunnerOfARemovedPool_KilledNow()
    {
        var instance = Make.Instance("gone-1", "gone", InstanceState.Busy, Age);
        var plan = Planner.Plan(new PlannerInput([Make.Pool("a")], [], [instance], Make.Now)
        {
            Removals = new Dictionary<string, bool> { ["gone-1"] = true },
        });

        plan.Destroys.ShouldBe([new InstanceDestroy("gone-1", "gone", DestroyReason.HardCap)]);
    }

    [Fact]
    public void Plan_RemovedIdleRunnerOfAPoolWithMinIdle_NotSupplySoAReplacementIsMade()
    {
        var plan = PlanWith(Make.Instance("a-1", "a", InstanceState.Idle, Age), force: false, minIdle: 1);

        plan.CreatesIn("a").ShouldBe(1);
    }

    [Fact]
    public void Plan_RemovalOfADeletingRunner_NothingMore()
    {
        var plan = PlanWith(Make.Instance("a-1", "a", InstanceState.Deleting, Age), force: true);

        plan.Destroys.ShouldBeEmpty();
    }
}
