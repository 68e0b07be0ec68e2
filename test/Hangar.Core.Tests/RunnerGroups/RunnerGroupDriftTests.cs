using Hangar.Core.RunnerGroups;

namespace Hangar.Core.Tests.RunnerGroups;

public sealed class RunnerGroupDriftTests
{
    private static readonly RunnerGroupSpec Declared = new()
    {
        Name = "ci",
        Visibility = RunnerGroupVisibility.Selected,
        Selected = ["app", "lib"],
        AllowsPublicRepositories = false,
        RestrictedToWorkflows = true,
        SelectedWorkflows = ["acme/app/.github/workflows/ci.yml@refs/heads/main"],
    };

    [Fact]
    public void Between_SameStateSelectionInOtherOrderAndCase_NoDrift() =>
        RunnerGroupDrift.Between(Declared, RunnerGroupState.Of(7, Declared) with { Selected = ["LIB", "app"] }).ShouldBeEmpty();

    [Fact]
    public void Between_EveryFieldChanged_EveryFieldNamed()
    {
        var current = new RunnerGroupState(7, "ci", RunnerGroupVisibility.All, [], true, false, []);

        RunnerGroupDrift.Between(Declared, current).ShouldBe(
        [
            RunnerGroupDrift.Visibility, RunnerGroupDrift.Selected, RunnerGroupDrift.AllowsPublicRepositories,
            RunnerGroupDrift.RestrictedToWorkflows, RunnerGroupDrift.SelectedWorkflows,
        ]);
    }

    [Fact]
    public void Between_OneRepositoryAddedAtTheForge_SelectionDrifted() =>
        RunnerGroupDrift.Between(Declared, RunnerGroupState.Of(7, Declared) with { Selected = ["app", "lib", "secrets"] }).ShouldBe([RunnerGroupDrift.Selected]);

    [Fact]
    public void Between_ListsThatDoNotApply_Ignored()
    {
        var open = Declared with { Visibility = RunnerGroupVisibility.All, Selected = [], RestrictedToWorkflows = false, SelectedWorkflows = [] };
        var current = RunnerGroupState.Of(7, open) with { Selected = ["app"], SelectedWorkflows = ["x/y/.github/workflows/z.yml@main"] };

        RunnerGroupDrift.Between(open, current).ShouldBeEmpty();
    }

    [Fact]
    public void SameAs_NameInOtherCase_Same() =>
        Declared.SameAs(Declared with { Name = "CI" }).ShouldBeTrue();

    [Fact]
    public void SameAs_OtherVisibility_NotSame() =>
        Declared.SameAs(Declared with { Visibility = RunnerGroupVisibility.Private, Selected = [] }).ShouldBeFalse();
}
