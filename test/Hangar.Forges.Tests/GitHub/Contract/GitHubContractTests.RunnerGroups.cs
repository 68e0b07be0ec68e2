using Hangar.Core.Pools;
using Hangar.Core.RunnerGroups;

namespace Hangar.Forges.Tests.GitHub.Contract;

/// <summary>
/// Managed runner groups (issue 12 item 5) against GitHub's own description: a group read with its selection, created
/// with a selection and workflow restriction, and every field corrected, at organization scope (github.com, GHE Cloud,
/// GHES) and enterprise scope (GHE Cloud; GHES's description has no enterprise runner-group endpoints).
/// </summary>
public sealed partial class GitHubContractTests
{
    public static TheoryData<string, TargetScope> RunnerGroupScopes => new()
    {
        { "api.github.com", TargetScope.Organization },
        { "ghec", TargetScope.Organization },
        { "ghec", TargetScope.Enterprise },
        { PrismServers.GhesVariant, TargetScope.Organization },
    };

    [Theory]
    [MemberData(nameof(RunnerGroupScopes))]
    public async Task ManagedRunnerGroup_ReadCreateAndCorrect_AcceptedAndParsedFromExamples(string variant, TargetScope scope)
    {
        var server = Server(variant);
        var recorder = new ContractRecorder();
        using var forge = Forge(server, recorder, variant, token: "ghp_contract");
        var target = Target(scope);
        var enterprise = scope == TargetScope.Enterprise;

        var example = server.Example(enterprise ? "runner-groups-enterprise" : "runner-groups-org")["runner_groups"]!.AsArray()
            .First(g => g!["visibility"]!.GetValue<string>() == "selected")!;
        var selection = enterprise
            ? server.Example("organization-targets")["organizations"]!.AsArray().Select(o => o!["login"]!.GetValue<string>())
            : server.Example("minimal-repository-paginated")["repositories"]!.AsArray().Select(r => r!["name"]!.GetValue<string>());

        // Read by name, case-insensitively, with the selection GitHub lists for it.
        var read = (await forge.GetRunnerGroupAsync(target, example["name"]!.GetValue<string>().ToUpperInvariant(), Ct).WaitAsync(Timeout, Ct)).ShouldNotBeNull();
        read.Id.ShouldBe(example["id"]!.GetValue<long>());
        read.Visibility.ShouldBe(RunnerGroupVisibility.Selected);
        read.Selected.ShouldBe(selection);
        read.AllowsPublicRepositories.ShouldBe(example["allows_public_repositories"]!.GetValue<bool>());
        read.RestrictedToWorkflows.ShouldBe(example["restricted_to_workflows"]!.GetValue<bool>());
        read.SelectedWorkflows.ShouldBe(example["selected_workflows"]!.AsArray().Select(w => w!.GetValue<string>()));
        (await forge.GetRunnerGroupAsync(target, "no-such-group", Ct).WaitAsync(Timeout, Ct)).ShouldBeNull();

        var spec = new RunnerGroupSpec
        {
            Name = "hangar-ci",
            Visibility = RunnerGroupVisibility.Selected,
            Selected = [enterprise ? "octo-org" : "octo-repo"],
            AllowsPublicRepositories = false,
            RestrictedToWorkflows = true,
            SelectedWorkflows = ["octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/main"],
        };
        var created = await forge.CreateRunnerGroupAsync(target, spec, Ct).WaitAsync(Timeout, Ct);
        created.Id.ShouldBe(server.Example(enterprise ? "runner-group-enterprise" : "runner-group")["id"]!.GetValue<long>());

        string[] everyField =
        [
            RunnerGroupDrift.Visibility, RunnerGroupDrift.Selected, RunnerGroupDrift.AllowsPublicRepositories,
            RunnerGroupDrift.RestrictedToWorkflows, RunnerGroupDrift.SelectedWorkflows,
        ];
        await forge.UpdateRunnerGroupAsync(target, created.Id, spec, everyField, Ct).WaitAsync(Timeout, Ct);

        recorder.ShouldHaveNoViolations();
        var prefix = (variant == PrismServers.GhesVariant ? "/api/v3" : "") + (enterprise ? "/enterprises/octo-corp" : "/orgs/octo-org");
        var selectionPath = $"{prefix}/actions/runner-groups/{created.Id}/{(enterprise ? "organizations" : "repositories")}";
        recorder.Exchanges.ShouldContain(e => e.Method == "POST" && e.PathAndQuery == $"{prefix}/actions/runner-groups");
        recorder.Exchanges.ShouldContain(e => e.Method == "PATCH" && e.PathAndQuery == $"{prefix}/actions/runner-groups/{created.Id}");
        recorder.Exchanges.ShouldContain(e => e.Method == "PUT" && e.PathAndQuery == selectionPath);
        recorder.Exchanges.ShouldContain(e => e.Method == "GET" && e.PathAndQuery.EndsWith(enterprise ? "/orgs/octo-org" : "/repos/octo-org/octo-repo", StringComparison.Ordinal));
    }
}
