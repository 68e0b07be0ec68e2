using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Hangar.Core.Forges;
using Hangar.Core.Pools;
using Hangar.Core.RunnerGroups;
using Hangar.Forges.GitHub.Budget;
using Microsoft.Extensions.Logging;

namespace Hangar.Forges.GitHub.RunnerGroups;

/// <summary>
/// Runner groups Hangar manages, through GitHub's REST API at organization and enterprise scope: read one with its
/// selection (by name), create it, bring its settings and selection to the declaration. GitHub addresses a selection by
/// ids, so each selected repository (<c>GET /repos/{org}/{name}</c>) or organization (<c>GET /orgs/{login}</c>) is
/// looked up by name when it is written; a name that does not exist fails the write with the name in the message.
/// </summary>
internal sealed class GitHubRunnerGroupAdmin(GitHubRestClient client, GitHubRunnerGroups cache, string forge, ILogger logger)
{
    public async Task<RunnerGroupState?> GetAsync(ForgeTarget target, string name, CancellationToken ct)
    {
        var groups = await client.GetPagesAsync(
            client.Resolve(GitHubPaths.RunnerGroups(target) + "?per_page=100"), GitHubJsonContext.Default.RunnerGroupListResponse, target, Call, ct).ConfigureAwait(false);
        var group = groups.SelectMany(page => page.RunnerGroups ?? []).FirstOrDefault(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase));
        if (group is null)
        {
            return null;
        }

        var visibility = ParseVisibility(group.Visibility);
        IReadOnlyList<string> selected = [];
        if (visibility == RunnerGroupVisibility.Selected)
        {
            var pages = await client.GetPagesAsync(
                client.Resolve($"{GroupPath(target, group.Id)}/{SelectionSegment(target)}?per_page=100"), GitHubRunnerGroupsJsonContext.Default.SelectionPage, target, Call, ct).ConfigureAwait(false);
            selected = [.. pages.SelectMany(p => p.Entries).Select(e => e.Key).OfType<string>()];
        }

        return new RunnerGroupState(group.Id, group.Name ?? name, visibility, selected, group.AllowsPublicRepositories, group.RestrictedToWorkflows, group.SelectedWorkflows ?? []);
    }

    public async Task<RunnerGroupState> CreateAsync(ForgeTarget target, RunnerGroupSpec spec, CancellationToken ct)
    {
        var body = Settings(spec);
        if (spec.Visibility == RunnerGroupVisibility.Selected)
        {
            body[SelectionIdsKey(target)] = await SelectionIdsAsync(target, spec, ct).ConfigureAwait(false);
        }

        var uri = client.Resolve(GitHubPaths.RunnerGroups(target));
        using var response = await client.SendAsync(HttpMethod.Post, uri, Bytes(body), target, Call, ct).ConfigureAwait(false);
        await client.EnsureSuccessAsync(response, ct).ConfigureAwait(false);
        var created = await client.ReadAsync(response, GitHubJsonContext.Default.RunnerGroupDto, ct).ConfigureAwait(false);

        // Minting resolves group names through a cached list: the new group must be found there at once.
        cache.Invalidate(target);
        GitHubForgeLog.RunnerGroupCreated(logger, forge, spec.Name, created.Id, target.ToString());
        return RunnerGroupState.Of(created.Id, spec);
    }

    public async Task UpdateAsync(ForgeTarget target, long id, RunnerGroupSpec spec, IReadOnlyCollection<string> fields, CancellationToken ct)
    {
        if (fields.Any(f => f != RunnerGroupDrift.Selected))
        {
            using var response = await client.SendAsync(HttpMethod.Patch, client.Resolve(GroupPath(target, id)), Bytes(Settings(spec)), target, Call, ct).ConfigureAwait(false);
            await client.EnsureSuccessAsync(response, ct).ConfigureAwait(false);
        }

        // A group made selected (or whose selection moved) needs its selection written too; GitHub's PATCH has none.
        if (spec.Visibility == RunnerGroupVisibility.Selected && fields.Any(f => f is RunnerGroupDrift.Selected or RunnerGroupDrift.Visibility))
        {
            var body = new JsonObject { [SelectionIdsKey(target)] = await SelectionIdsAsync(target, spec, ct).ConfigureAwait(false) };
            using var response = await client.SendAsync(HttpMethod.Put, client.Resolve($"{GroupPath(target, id)}/{SelectionSegment(target)}"), Bytes(body), target, Call, ct).ConfigureAwait(false);
            await client.EnsureSuccessAsync(response, ct).ConfigureAwait(false);
        }

        GitHubForgeLog.RunnerGroupUpdated(logger, forge, spec.Name, id, target.ToString(), string.Join(",", fields));
    }

    private static GitHubCall Call => GitHubCall.Of(GitHubCallKind.RunnerGroups);

    private static JsonObject Settings(RunnerGroupSpec spec) => new()
    {
        ["name"] = spec.Name,
        ["visibility"] = spec.Visibility.ToString().ToLowerInvariant(),
        ["allows_public_repositories"] = spec.AllowsPublicRepositories,
        ["restricted_to_workflows"] = spec.RestrictedToWorkflows,
        ["selected_workflows"] = new JsonArray([.. spec.SelectedWorkflows.Select(w => (JsonNode)JsonValue.Create(w))]),
    };

    private async Task<JsonArray> SelectionIdsAsync(ForgeTarget target, RunnerGroupSpec spec, CancellationToken ct)
    {
        var ids = new JsonArray();
        foreach (var name in spec.Selected)
        {
            var path = target.Scope == TargetScope.Enterprise ? $"/orgs/{Uri.EscapeDataString(name)}" : GitHubPaths.Repository($"{target.Name}/{name}");
            using var response = await client.SendAsync(HttpMethod.Get, client.Resolve(path), null, target, Call, ct).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                var what = target.Scope == TargetScope.Enterprise ? "organization" : $"repository of {target.Name}";
                throw new ForgeException($"runner group '{spec.Name}' selects {what} '{name}', which does not exist", 404);
            }

            await client.EnsureSuccessAsync(response, ct).ConfigureAwait(false);
            ids.Add((await client.ReadAsync(response, GitHubRunnerGroupsJsonContext.Default.SelectedEntryDto, ct).ConfigureAwait(false)).Id);
        }

        return ids;
    }

    private static string GroupPath(ForgeTarget target, long id) => $"{GitHubPaths.RunnerGroups(target)}/{id.ToString(CultureInfo.InvariantCulture)}";

    private static string SelectionSegment(ForgeTarget target) => target.Scope == TargetScope.Enterprise ? "organizations" : "repositories";

    private static string SelectionIdsKey(ForgeTarget target) => target.Scope == TargetScope.Enterprise ? "selected_organization_ids" : "selected_repository_ids";

    private static byte[] Bytes(JsonObject body) => System.Text.Encoding.UTF8.GetBytes(body.ToJsonString());

    private static RunnerGroupVisibility ParseVisibility(string? visibility) => visibility switch
    {
        "selected" => RunnerGroupVisibility.Selected,
        "private" => RunnerGroupVisibility.Private,
        _ => RunnerGroupVisibility.All,
    };
}
