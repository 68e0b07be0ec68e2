using Hangar.Core.Instances;
using Hangar.Core.Planning;
using Hangar.Core.Pools;

namespace Hangar.Core.Tests.Planning;

/// <summary>
/// The planner indexes the pool list once per list object (issue 17: no per-call allocation proportional to pools) and
/// routes a new job among its target's pools only. Neither may change a plan.
/// </summary>
public sealed class PlannerPoolIndexTests
{
    [Fact]
    public void Plan_SameListChangedBetweenCalls_PlansWithTheCurrentPools()
    {
        var pools = new List<PoolSpec> { Make.Pool("a") };
        Make.Plan(pools, [Make.Job(1)]).Routes.ShouldBe([new JobRoute(Make.Key(1), "a")]);

        pools[0] = Make.Pool("b");

        Make.Plan(pools, [Make.Job(1)]).Routes.ShouldBe([new JobRoute(Make.Key(1), "b")]);
    }

    [Fact]
    public void Plan_SameListPlannedTwice_SamePlan()
    {
        PoolSpec[] pools = [Make.Pool("a") with { MinIdle = 1 }, Make.Pool("b")];
        Instance[] instances = [Make.Instance("i1", "b", InstanceState.Idle, TimeSpan.FromMinutes(1))];

        var first = Make.Plan(pools, [Make.Job(1), Make.Job(2)], instances);
        var second = Make.Plan(pools, [Make.Job(1), Make.Job(2)], instances);

        second.Routes.ShouldBe(first.Routes);
        second.Creates.ShouldBe(first.Creates);
    }

    [Theory]
    [InlineData(TargetScope.Repository, "ACME/App")]
    [InlineData(TargetScope.Organization, "Acme")]
    public void Plan_PoolsOfOtherTargets_JobRoutedToItsOwnTargetIgnoringCase(TargetScope scope, string name)
    {
        PoolSpec[] pools =
        [
            Make.Pool("other-org") with { Target = ForgeTarget.Organization("globex"), Priority = 10 },
            Make.Pool("other-repo") with { Target = ForgeTarget.Repository("acme/web"), Priority = 10 },
            Make.Pool("other-forge") with { Forge = "gitea", Priority = 10 },
            Make.Pool("mine") with { Target = new ForgeTarget(scope, name) },
        ];

        var plan = Make.Plan(pools, [Make.Job(1)]);

        plan.Routes.ShouldBe([new JobRoute(Make.Key(1), "mine")]);
    }

    [Fact]
    public void Plan_EnterprisePool_ServesOnlyJobsThatNameTheEnterprise()
    {
        PoolSpec[] pools = [Make.Pool("ent") with { Target = ForgeTarget.Enterprise("megacorp") }];

        var plan = Make.Plan(pools, [Make.Job(1) with { Enterprise = "MegaCorp" }, Make.Job(2)]);

        plan.Routes.ShouldBe([new JobRoute(Make.Key(1), "ent")]);
        plan.Unroutable.Select(u => u.Job).ShouldBe([Make.Key(2)]);
    }

    [Fact]
    public void Plan_JobWithoutOwner_OrganizationTakenFromTheRepository()
    {
        var plan = Make.Plan([Make.Pool("org")], [Make.Job(1) with { Owner = null }]);

        plan.Routes.ShouldBe([new JobRoute(Make.Key(1), "org")]);
    }
}
