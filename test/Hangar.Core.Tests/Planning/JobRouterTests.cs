using Hangar.Core.Planning;
using Hangar.Core.Pools;

namespace Hangar.Core.Tests.Planning;

public sealed class JobRouterTests
{
    private static readonly Func<string, int> NoLoad = _ => 0;

    [Theory]
    [InlineData(new[] { "linux" }, new[] { "linux", "x64" })]
    [InlineData(new[] { "linux", "x64" }, new[] { "linux", "x64" })]
    [InlineData(new[] { "x64", "linux" }, new[] { "linux", "x64" })]
    [InlineData(new[] { "linux" }, new[] { "linux", "x64", "gpu", "large" })]
    [InlineData(new string[0], new[] { "linux" })]
    [InlineData(new string[0], new string[0])]
    public void LabelsMatch_JobLabelsSubsetOfPoolLabels_ReturnsTrue(string[] job, string[] pool) =>
        JobRouter.LabelsMatch(job, pool).ShouldBeTrue();

    [Theory]
    [InlineData(new[] { "LINUX" }, new[] { "linux" })]
    [InlineData(new[] { "Linux", "X64" }, new[] { "linux", "x64" })]
    [InlineData(new[] { "linux" }, new[] { "LiNuX" })]
    public void LabelsMatch_DifferentCase_ReturnsTrue(string[] job, string[] pool) =>
        JobRouter.LabelsMatch(job, pool).ShouldBeTrue();

    [Theory]
    [InlineData(new[] { "self-hosted" }, new string[0])]
    [InlineData(new[] { "self-hosted", "linux" }, new[] { "linux" })]
    [InlineData(new[] { "Self-Hosted", "linux" }, new[] { "linux" })]
    [InlineData(new[] { "SELF-HOSTED" }, new[] { "gpu" })]
    public void LabelsMatch_SelfHostedNotListedByPool_IsImplied(string[] job, string[] pool) =>
        JobRouter.LabelsMatch(job, pool).ShouldBeTrue();

    [Theory]
    [InlineData(new[] { "linux", "gpu" }, new[] { "linux", "x64" })]
    [InlineData(new[] { "windows" }, new[] { "linux" })]
    [InlineData(new[] { "self-hosted", "arm64" }, new[] { "linux", "x64" })]
    [InlineData(new[] { "linux" }, new string[0])]
    [InlineData(new[] { "linu" }, new[] { "linux" })]
    public void LabelsMatch_JobLabelMissingFromPool_ReturnsFalse(string[] job, string[] pool) =>
        JobRouter.LabelsMatch(job, pool).ShouldBeFalse();

    [Theory]
    [InlineData(new[] { "self-hosted", "linux" }, new[] { "linux" }, false)]
    [InlineData(new[] { "self-hosted", "linux" }, new[] { "Self-Hosted", "linux" }, true)]
    [InlineData(new[] { "linux" }, new[] { "linux" }, true)]
    public void CanServe_PoolWithoutImplicitLabels_ServesSelfHostedOnlyWhenItListsIt(string[] job, string[] pool, bool served) =>
        JobRouter.CanServe(Make.Pool("a") with { Labels = pool, ImplicitLabels = false }, Make.Job(1, job)).ShouldBe(served);

    [Fact]
    public void CanServe_MatchingPool_ReturnsTrue() =>
        JobRouter.CanServe(Make.Pool("a"), Make.Job(1)).ShouldBeTrue();

    [Fact]
    public void CanServe_OtherForge_ReturnsFalse() =>
        JobRouter.CanServe(Make.Pool("a") with { Forge = "gitea" }, Make.Job(1)).ShouldBeFalse();

    [Fact]
    public void CanServe_TargetDoesNotServeRepository_ReturnsFalse()
    {
        JobRouter.CanServe(Make.Pool("a") with { Target = ForgeTarget.Organization("other") }, Make.Job(1)).ShouldBeFalse();
        JobRouter.CanServe(Make.Pool("a") with { Target = ForgeTarget.Repository("acme/other") }, Make.Job(1)).ShouldBeFalse();
        JobRouter.CanServe(Make.Pool("a") with { Target = ForgeTarget.Enterprise("bigco") }, Make.Job(1)).ShouldBeFalse();
    }

    [Fact]
    public void CanServe_TargetServesRepository_ReturnsTrue()
    {
        JobRouter.CanServe(Make.Pool("a") with { Target = ForgeTarget.Repository("acme/app") }, Make.Job(1)).ShouldBeTrue();
        JobRouter.CanServe(Make.Pool("a") with { Target = ForgeTarget.Enterprise("bigco") }, Make.Job(1) with { Enterprise = "bigco" })
            .ShouldBeTrue();
    }

    [Fact]
    public void CanServe_DisabledPool_ReturnsFalse() =>
        JobRouter.CanServe(Make.Pool("a") with { Enabled = false }, Make.Job(1)).ShouldBeFalse();

    [Fact]
    public void CanServe_MissingLabel_ReturnsFalse() =>
        JobRouter.CanServe(Make.Pool("a"), Make.Job(1, "self-hosted", "linux", "gpu")).ShouldBeFalse();

    [Fact]
    public void Route_NoPools_ReturnsNull() =>
        JobRouter.Route(Make.Job(1), [], NoLoad).ShouldBeNull();

    [Fact]
    public void Route_NoPoolCanServe_ReturnsNull()
    {
        PoolSpec[] pools =
        [
            Make.Pool("windows", "windows"),
            Make.Pool("disabled") with { Enabled = false },
            Make.Pool("gitea") with { Forge = "gitea" },
            Make.Pool("other-org") with { Target = ForgeTarget.Organization("other") },
        ];

        JobRouter.Route(Make.Job(1), pools, NoLoad).ShouldBeNull();
    }

    [Fact]
    public void Route_OnlyOnePoolServes_PicksItRegardlessOfPriorityOfOthers()
    {
        PoolSpec[] pools =
        [
            Make.Pool("windows", "windows", "x64") with { Priority = 100 },
            Make.Pool("disabled") with { Priority = 100, Enabled = false },
            Make.Pool("plain"),
        ];

        JobRouter.Route(Make.Job(1), pools, NoLoad)!.Name.ShouldBe("plain");
    }

    [Fact]
    public void Route_HigherPriorityMoreLoaded_HigherPriorityWins()
    {
        PoolSpec[] pools = [Make.Pool("low") with { Priority = 1 }, Make.Pool("high") with { Priority = 5 }];
        var load = new Dictionary<string, int> { ["low"] = 0, ["high"] = 50 };

        JobRouter.Route(Make.Job(1), pools, n => load[n])!.Name.ShouldBe("high");
    }

    [Fact]
    public void Route_HigherPriorityListedFirst_HigherPriorityWins()
    {
        PoolSpec[] pools = [Make.Pool("z-high") with { Priority = 5 }, Make.Pool("a-low") with { Priority = 1 }];
        var load = new Dictionary<string, int> { ["z-high"] = 9, ["a-low"] = 0 };

        JobRouter.Route(Make.Job(1), pools, n => load[n])!.Name.ShouldBe("z-high");
    }

    [Fact]
    public void Route_NegativePriority_LosesToDefault()
    {
        PoolSpec[] pools = [Make.Pool("a-fallback") with { Priority = -1 }, Make.Pool("b-default")];

        JobRouter.Route(Make.Job(1), pools, NoLoad)!.Name.ShouldBe("b-default");
    }

    [Theory]
    [InlineData(3, 1, "b")]
    [InlineData(1, 3, "a")]
    [InlineData(0, 7, "a")]
    [InlineData(7, 0, "b")]
    public void Route_EqualPriority_LeastLoadedWins(int loadA, int loadB, string expected)
    {
        var load = new Dictionary<string, int> { ["a"] = loadA, ["b"] = loadB };

        JobRouter.Route(Make.Job(1), [Make.Pool("a"), Make.Pool("b")], n => load[n])!.Name.ShouldBe(expected);
        JobRouter.Route(Make.Job(1), [Make.Pool("b"), Make.Pool("a")], n => load[n])!.Name.ShouldBe(expected);
    }

    [Fact]
    public void Route_EqualPriorityAndLoad_LowestNameWinsWhateverTheOrder()
    {
        PoolSpec[] pools = [Make.Pool("charlie"), Make.Pool("alpha"), Make.Pool("bravo")];

        JobRouter.Route(Make.Job(1), pools, _ => 2)!.Name.ShouldBe("alpha");
        JobRouter.Route(Make.Job(1), pools.Reverse().ToArray(), _ => 2)!.Name.ShouldBe("alpha");
    }

    [Fact]
    public void Route_EqualPriorityAndLoad_NameComparedOrdinally()
    {
        // Ordinal: upper case sorts before lower case, so the result does not depend on the culture.
        JobRouter.Route(Make.Job(1), [Make.Pool("b"), Make.Pool("B")], NoLoad)!.Name.ShouldBe("B");
    }

    [Fact]
    public void Route_LeastLoadedAmongTopPriority_IgnoresLessLoadedLowerPriority()
    {
        PoolSpec[] pools =
        [
            Make.Pool("idle-low") with { Priority = 0 },
            Make.Pool("busy-high") with { Priority = 2 },
            Make.Pool("calm-high") with { Priority = 2 },
        ];
        var load = new Dictionary<string, int> { ["idle-low"] = 0, ["busy-high"] = 8, ["calm-high"] = 4 };

        JobRouter.Route(Make.Job(1), pools, n => load[n])!.Name.ShouldBe("calm-high");
    }

    [Fact]
    public void UnroutableReason_Job_NamesForgeRepositoryAndLabels()
    {
        var job = Make.Job(1, "self-hosted", "linux", "gpu");

        JobRouter.UnroutableReason(job)
            .ShouldBe("no enabled pool of forge github serving acme/app has labels [self-hosted, linux, gpu]");
    }

    [Fact]
    public void UnroutableReason_SameJobTwice_IsStable() =>
        JobRouter.UnroutableReason(Make.Job(1)).ShouldBe(JobRouter.UnroutableReason(Make.Job(1)));
}
