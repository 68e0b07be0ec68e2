using System.Collections.Concurrent;
using Hangar.Core.Forges;
using Hangar.Core.Pools;
using Hangar.Forges.GitHub.Budget;
using Microsoft.Extensions.Logging;

namespace Hangar.Forges.GitHub;

/// <summary>Resolves runner-group names to the ids the JIT endpoint needs, caching each target's list.</summary>
internal sealed class GitHubRunnerGroups(GitHubRestClient client, string forge, ILogger logger)
{
    /// <summary>GitHub's "Default" group; the only group a repository has.</summary>
    public const long DefaultGroupId = 1;

    private readonly ConcurrentDictionary<ForgeTarget, IReadOnlyDictionary<string, long>> _cache = new();

    public async ValueTask<long> ResolveAsync(ForgeTarget target, string? group, CancellationToken cancellationToken)
    {
        if (target.Scope == TargetScope.Repository || group is null)
        {
            return DefaultGroupId;
        }

        if (_cache.TryGetValue(target, out var groups) && groups.TryGetValue(group, out var id))
        {
            return id;
        }

        // A miss reloads once: the group may have been created after the list was cached.
        groups = await LoadAsync(target, cancellationToken).ConfigureAwait(false);
        _cache[target] = groups;
        return groups.TryGetValue(group, out id)
            ? id
            : throw new ForgeException($"runner group '{group}' does not exist at {target}", 404);
    }

    /// <summary>Forgets a target's groups, e.g. after GitHub rejected a cached id (group deleted or recreated).</summary>
    public void Invalidate(ForgeTarget target) => _cache.TryRemove(target, out _);

    private async Task<IReadOnlyDictionary<string, long>> LoadAsync(ForgeTarget target, CancellationToken cancellationToken)
    {
        var first = client.Resolve(GitHubPaths.RunnerGroups(target) + "?per_page=100");
        var pages = await client.GetPagesAsync(first, GitHubJsonContext.Default.RunnerGroupListResponse, target, GitHubCall.Of(GitHubCallKind.RunnerGroups), cancellationToken)
            .ConfigureAwait(false);

        // GitHub treats group names case-insensitively, like labels.
        var groups = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        foreach (var group in pages.SelectMany(page => page.RunnerGroups ?? []))
        {
            if (group.Name is not null)
            {
                groups.TryAdd(group.Name, group.Id);
            }
        }

        GitHubForgeLog.RunnerGroupsLoaded(logger, forge, groups.Count, target.ToString());
        return groups;
    }
}
