using Hangar.Core.RunnerGroups;

namespace Hangar.Configuration.Tests;

/// <summary>A pool's <c>runner_group</c>: a name (used as it is) or a mapping (managed by Hangar), with its rules.</summary>
public sealed class RunnerGroupConfigTests
{
    private static string OrgPool(string group, string target = "organization: acme") => $$"""
        forges:
          github:
            token: {env: GH_TOKEN}
        providers:
          docker:
            type: docker
        pools:
          small:
            forge: github
            {{target}}
            provider: docker
            image: hangar/runner:1
            runner_group:
        {{Indent(group, 6)}}
        """;

    private static string Indent(string text, int spaces) =>
        string.Join("\n", text.Split('\n').Select(line => new string(' ', spaces) + line));

    [Fact]
    public void Parse_GroupName_UsedAsItIsAndNotManaged()
    {
        var config = ConfigYaml.Valid(ConfigYaml.Minimal.Replace("image: hangar/runner:1", "image: hangar/runner:1\n    runner_group: gpu", StringComparison.Ordinal));

        var pool = config.Engine.Pools.Single();
        pool.RunnerGroup.ShouldBe("gpu");
        pool.ManagedRunnerGroup.ShouldBeNull();
    }

    [Fact]
    public void Parse_ManagedGroupAtOrganization_EverySettingRead()
    {
        var config = ConfigYaml.Valid(OrgPool("""
            name: ci
            visibility: selected
            repositories: [app, lib]
            allows_public_repositories: true
            restricted_to_workflows: true
            selected_workflows: [acme/app/.github/workflows/ci.yml@refs/heads/main]
            """));

        var pool = config.Engine.Pools.Single();
        pool.RunnerGroup.ShouldBe("ci");
        var spec = pool.ManagedRunnerGroup.ShouldNotBeNull();
        spec.Name.ShouldBe("ci");
        spec.Visibility.ShouldBe(RunnerGroupVisibility.Selected);
        spec.AllowsPublicRepositories.ShouldBeTrue();
        spec.RestrictedToWorkflows.ShouldBeTrue();
        spec.Selected.ShouldBe(["app", "lib"]);
        spec.SelectedWorkflows.ShouldBe(["acme/app/.github/workflows/ci.yml@refs/heads/main"]);
    }

    [Fact]
    public void Parse_ManagedGroupDefaults_AllRepositoriesNoPublicNoWorkflowRestriction()
    {
        var spec = ConfigYaml.Valid(OrgPool("name: ci")).Engine.Pools.Single().ManagedRunnerGroup.ShouldNotBeNull();

        spec.Visibility.ShouldBe(RunnerGroupVisibility.All);
        spec.Selected.ShouldBeEmpty();
        spec.AllowsPublicRepositories.ShouldBeFalse();
        spec.RestrictedToWorkflows.ShouldBeFalse();
    }

    [Fact]
    public void Parse_ManagedGroupAtEnterprise_SelectsOrganizations()
    {
        var spec = ConfigYaml.Valid(OrgPool("name: ci\nvisibility: selected\norganizations: [acme, tools]", "enterprise: acme-corp"))
            .Engine.Pools.Single().ManagedRunnerGroup.ShouldNotBeNull();

        spec.Selected.ShouldBe(["acme", "tools"]);
    }

    [Fact]
    public void Parse_ManagedGroupAtRepository_ErrorAtTheKey() =>
        ConfigYaml.SingleError(OrgPool("name: ci", "repository: acme/app")).ShouldBeAt(13, 5, "a repository has no runner groups");

    [Fact]
    public void Parse_SelectedWithoutRepositories_Error() =>
        ConfigYaml.SingleError(OrgPool("name: ci\nvisibility: selected")).Message.ShouldContain("missing required key 'repositories'");

    [Fact]
    public void Parse_RepositoriesWithoutSelectedVisibility_Error() =>
        ConfigYaml.SingleError(OrgPool("name: ci\nrepositories: [app]")).ShouldBeAt(15, 7, "only a group with visibility: selected has a selection");

    [Fact]
    public void Parse_OrganizationsOnAnOrganizationGroup_Error() =>
        ConfigYaml.SingleError(OrgPool("name: ci\nvisibility: selected\nrepositories: [app]\norganizations: [acme]")).Message.ShouldContain("use 'repositories'");

    [Fact]
    public void Parse_PrivateVisibilityAtEnterprise_ErrorNamesTheChoices() =>
        ConfigYaml.SingleError(OrgPool("name: ci\nvisibility: private", "enterprise: acme-corp")).Message.ShouldContain("'private' is not one of 'all', 'selected'");

    [Fact]
    public void Parse_WorkflowsWithoutRestriction_Error() =>
        ConfigYaml.SingleError(OrgPool("name: ci\nselected_workflows: [acme/app/.github/workflows/ci.yml@main]")).Message.ShouldContain("restricted_to_workflows: true");

    [Fact]
    public void Parse_RestrictedWithoutWorkflows_Error() =>
        ConfigYaml.SingleError(OrgPool("name: ci\nrestricted_to_workflows: true")).Message.ShouldContain("missing required key 'selected_workflows'");

    [Fact]
    public void Parse_TwoPoolsDeclaringOneGroupDifferently_Error()
    {
        var yaml = OrgPool("name: ci") + """

              large:
                forge: github
                organization: acme
                provider: docker
                image: hangar/runner:1
                runner_group: {name: CI, visibility: private}
            """;

        ConfigYaml.SingleError(yaml).Message.ShouldContain("declares group 'CI' differently from pool 'small'");
    }

    [Fact]
    public void Parse_TwoPoolsDeclaringOneGroupAlike_Valid()
    {
        var yaml = OrgPool("name: ci") + """

              large:
                forge: github
                organization: acme
                provider: docker
                image: hangar/runner:1
                runner_group: {name: ci}
            """;

        ConfigYaml.Valid(yaml).Engine.Pools.Select(p => p.ManagedRunnerGroup!.Name).ShouldBe(["ci", "ci"]);
    }
}
