using Hangar.Core.Pools;

namespace Hangar.Forges.Gitea;

/// <summary>Gitea's and Forgejo's REST prefixes per runner scope, every name escaped as one path segment.</summary>
internal static class GiteaApiPaths
{
    /// <summary>The scope's <c>…/actions</c> prefix: <c>/repos/{o}/{r}/actions</c>, <c>/orgs/{org}/actions</c>,
    /// <c>/admin/actions</c> (instance-wide, admin token).</summary>
    public static string Actions(ForgeTarget target) => target.Scope switch
    {
        TargetScope.Repository => $"{Repository(target.Name)}/actions",
        TargetScope.Organization => $"/orgs/{Segment(target.Name)}/actions",
        TargetScope.Instance => "/admin/actions",
        _ => throw new ForgeScopeException(target),
    };

    /// <summary>Forgejo ≤ 14 keeps the instance-wide registration token and job queue at <c>/admin/runners/…</c>
    /// (without <c>actions</c>); 15 has both paths and deprecates the old one.</summary>
    public static string LegacyRunners(ForgeTarget target) =>
        target.Scope == TargetScope.Instance ? "/admin/runners" : $"{Actions(target)}/runners";

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

    private static string Segment(string value) =>
        value.Length == 0 ? throw new ArgumentException("a path segment must not be empty", nameof(value)) : Uri.EscapeDataString(value);
}
