using Hangar.Core.Planning;
using Hangar.Core.Pools;

namespace Hangar.Core.Tests.Planning;

/// <summary>Pressure-only pools (<c>provider: none</c>) and a flavor's pressure.</summary>
public sealed class PlannerPressureTests
{
    private static PoolSpec PressureOnly(string name) => Make.Pool(name) with { Provider = PoolSpec.NoProvider };

    [Fact]
    public void Plan_PressureOnlyPoolWithQueuedJobs_RoutesThemAndCreatesNothing()
    {
        var plan = Make.Plan([PressureOnly("outside")], jobs: [Make.Job(1), Make.Job(2)]);

        plan.Routes.Select(r => r.Pool).ShouldBe(["outside", "outside"]);
        plan.Creates.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_PressureOnlyBesideAnOrdinaryPool_OnlyTheOrdinaryOneGrows()
    {
        var plan = Make.Plan(
            [PressureOnly("outside") with { Labels = ["gpu"] }, Make.Pool("inside")],
            jobs: [Make.Job(1, "self-hosted", "gpu"), Make.Job(2, "self-hosted", "linux")]);

        plan.Routes.ShouldContain(r => r.Pool == "outside");
        plan.Creates.ShouldBe([new PoolCreate("inside", 1)]);
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(2, 0, 2)]
    [InlineData(2, 5, 5)]
    [InlineData(0, 3, 3)]
    public void Of_MaxOfFloorAndOpenJobs(int minimum, int open, int expected) =>
        FlavorPressure.Of(Make.Pool("a") with { MinimumPressure = minimum }, open).ShouldBe(expected);

    [Fact]
    public void Of_DisabledPool_NoFloorButItsOpenJobsStillCount()
    {
        var disabled = Make.Pool("a") with { MinimumPressure = 4, Enabled = false };

        FlavorPressure.Of(disabled, 0).ShouldBe(0);
        FlavorPressure.Of(disabled, 2).ShouldBe(2);
    }
}
