namespace Hangar.Emulator.State;

/// <summary>Where a runner is registered: a repository (<c>owner/name</c>), an organization or an enterprise.</summary>
public sealed record RunnerScope(RunnerScopeKind Kind, string Name)
{
    public static RunnerScope Repository(string fullName) => new(RunnerScopeKind.Repository, fullName);

    public static RunnerScope Organization(string login) => new(RunnerScopeKind.Organization, login);

    public static RunnerScope Enterprise(string slug) => new(RunnerScopeKind.Enterprise, slug);

    /// <summary>GitHub's rule: repo runners take that repo's jobs, org runners any repo of the org, enterprise runners any job.</summary>
    public bool Serves(string repository) => Kind switch
    {
        RunnerScopeKind.Repository => string.Equals(Name, repository, StringComparison.OrdinalIgnoreCase),
        RunnerScopeKind.Organization => string.Equals(Name, OwnerOf(repository), StringComparison.OrdinalIgnoreCase),
        _ => true,
    };

    /// <summary>The scope as a web path (used for the runner's <c>gitHubUrl</c>).</summary>
    public string WebPath => Kind == RunnerScopeKind.Enterprise ? $"enterprises/{Name}" : Name;

    public bool Matches(RunnerScope other) => Kind == other.Kind && string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => Kind switch
    {
        RunnerScopeKind.Repository => $"repo:{Name}",
        RunnerScopeKind.Organization => $"org:{Name}",
        _ => $"enterprise:{Name}",
    };

    internal static string OwnerOf(string repository)
    {
        var slash = repository.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? repository : repository[..slash];
    }
}
