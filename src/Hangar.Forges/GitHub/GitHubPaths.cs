using Hangar.Core.Pools;

namespace Hangar.Forges.GitHub;

/// <summary>REST path prefixes per registration scope, with every name escaped as one path segment.</summary>
internal static class GitHubPaths
{
    public static string Scope(ForgeTarget target) => target.Scope switch
    {
        TargetScope.Repository => Repository(target.Name),
        TargetScope.Organization => $"/orgs/{Segment(target.Name)}",
        TargetScope.Enterprise => $"/enterprises/{Segment(target.Name)}",
        _ => throw new ArgumentOutOfRangeException(nameof(target), target.Scope, "unknown target scope"),
    };

    /// <summary><c>/repos/{owner}/{repo}</c> for a repository written as <c>owner/name</c>.</summary>
    public static string Repository(string fullName)
    {
        var slash = fullName.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == fullName.Length - 1 || fullName.IndexOf('/', slash + 1) >= 0)
        {
            throw new ArgumentException($"repository '{fullName}' is not of the form owner/name", nameof(fullName));
        }

        return $"/repos/{Segment(fullName[..slash])}/{Segment(fullName[(slash + 1)..])}";
    }

    /// <summary>The runner-group list of an organization or enterprise.</summary>
    public static string RunnerGroups(ForgeTarget target) => $"{Scope(target)}/actions/runner-groups";

    private static string Segment(string value)
    {
        if (value.Length == 0)
        {
            throw new ArgumentException("a GitHub path segment must not be empty", nameof(value));
        }

        return Uri.EscapeDataString(value);
    }
}
