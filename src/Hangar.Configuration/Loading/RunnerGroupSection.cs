using Hangar.Core.Pools;
using Hangar.Core.RunnerGroups;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Hangar.Configuration.Loading;

/// <summary>
/// A pool's <c>runner_group</c>: a name (the group is used as it is at the forge) or a mapping (Hangar manages the
/// group: creates it and keeps it in the declared state, docs/runner-groups.md). Managed groups exist for GitHub
/// organization and enterprise targets only; pools naming the same managed group must declare it alike.
/// </summary>
internal static class RunnerGroupSection
{
    private static readonly string[] Keys =
        ["name", "visibility", "repositories", "organizations", "allows_public_repositories", "restricted_to_workflows", "selected_workflows"];

    public static (string? Name, RunnerGroupSpec? Managed) Read(MappingReader pool, string? forgeType, ForgeTarget? target)
    {
        if (pool.Node("runner_group") is not YamlMappingNode)
        {
            return (pool.String("runner_group"), null);
        }

        var group = pool.Mapping("runner_group", Keys)!;
        var name = group.String("name", required: true);
        if (forgeType is not null && forgeType != "github")
        {
            pool.Context.Error(pool.KeyMark("runner_group"), $"{pool.At("runner_group")}: only GitHub has runner groups Hangar can manage; give a {forgeType} pool none");
            return (name, null);
        }

        if (target is { Scope: not (TargetScope.Organization or TargetScope.Enterprise) })
        {
            pool.Context.Error(pool.KeyMark("runner_group"), $"{pool.At("runner_group")}: a repository has no runner groups; manage one from an organization or enterprise pool");
            return (name, null);
        }

        var enterprise = target?.Scope == TargetScope.Enterprise;
        var visibility = enterprise
            ? group.OneOf("visibility", false, "all", "selected")
            : group.OneOf("visibility", false, "all", "selected", "private");
        var (selectedKey, wrongKey) = enterprise ? ("organizations", "repositories") : ("repositories", "organizations");
        group.NotAllowed(wrongKey, enterprise
            ? "an enterprise's group is shared with organizations: use 'organizations'"
            : "an organization's group is shared with its repositories: use 'repositories'");
        var selected = group.StringList(selectedKey) ?? [];
        if (visibility == "selected" && selected.Count == 0)
        {
            group.Missing(selectedKey, "visibility: selected shares the group with the listed ones only");
        }
        else if (visibility != "selected")
        {
            group.NotAllowed(selectedKey, "only a group with visibility: selected has a selection");
        }

        var restricted = group.Boolean("restricted_to_workflows") ?? false;
        var workflows = group.StringList("selected_workflows") ?? [];
        if (!restricted)
        {
            group.NotAllowed("selected_workflows", "takes effect only with restricted_to_workflows: true");
        }
        else if (workflows.Count == 0)
        {
            group.Missing("selected_workflows", "restricted_to_workflows: true allows only the listed workflows");
        }

        var spec = name is null ? null : new RunnerGroupSpec
        {
            Name = name,
            Visibility = visibility switch
            {
                "selected" => RunnerGroupVisibility.Selected,
                "private" => RunnerGroupVisibility.Private,
                _ => RunnerGroupVisibility.All,
            },
            Selected = visibility == "selected" ? selected : [],
            AllowsPublicRepositories = group.Boolean("allows_public_repositories") ?? false,
            RestrictedToWorkflows = restricted,
            SelectedWorkflows = restricted ? workflows : [],
        };
        return (name, spec);
    }

    /// <summary>Pools naming the same managed group at the same forge and target must agree on its state.</summary>
    public static void CheckAgreement(ConfigContext context, IEnumerable<(PoolSpec Pool, Mark At)> pools)
    {
        var first = new Dictionary<(string, ForgeTarget, string), PoolSpec>();
        foreach (var (pool, at) in pools)
        {
            if (pool.ManagedRunnerGroup is not { } spec)
            {
                continue;
            }

            var key = (pool.Forge, pool.Target, spec.Name.ToUpperInvariant());
            if (!first.TryAdd(key, pool) && !first[key].ManagedRunnerGroup!.SameAs(spec))
            {
                context.Error(at, $"pools.{pool.Name}.runner_group: declares group '{spec.Name}' differently from pool '{first[key].Name}'; one group has one state");
            }
        }
    }
}
