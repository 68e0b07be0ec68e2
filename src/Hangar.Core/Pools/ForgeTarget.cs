namespace Hangar.Core.Pools;

/// <summary>Where runners register at a forge: a repository (<c>owner/name</c>), an organization or an enterprise.</summary>
public sealed record ForgeTarget(TargetScope Scope, string Name)
{
    public static ForgeTarget Repository(string fullName) => new(TargetScope.Repository, fullName);

    public static ForgeTarget Organization(string login) => new(TargetScope.Organization, login);

    public static ForgeTarget Enterprise(string slug) => new(TargetScope.Enterprise, slug);

    /// <summary>A whole Gitea or Forgejo instance (runners registered by an admin serve every repository).</summary>
    public static ForgeTarget Instance() => new(TargetScope.Instance, "*");

    /// <summary>True when a job of <paramref name="repository"/> (owned by <paramref name="owner"/>, in
    /// <paramref name="enterprise"/>) can be served by runners registered at this target.</summary>
    public bool Serves(string repository, string? owner, string? enterprise) => Scope switch
    {
        TargetScope.Repository => string.Equals(Name, repository, StringComparison.OrdinalIgnoreCase),
        TargetScope.Organization => string.Equals(Name, owner ?? OwnerOf(repository), StringComparison.OrdinalIgnoreCase),
        TargetScope.Enterprise => enterprise is not null && string.Equals(Name, enterprise, StringComparison.OrdinalIgnoreCase),
        TargetScope.Instance => true,
        _ => false,
    };

    public override string ToString() => Scope switch
    {
        TargetScope.Repository => $"repo:{Name}",
        TargetScope.Organization => $"org:{Name}",
        TargetScope.Instance => "instance",
        _ => $"enterprise:{Name}",
    };

    /// <summary>The owner part of <c>owner/name</c> (the whole string when it has no slash).</summary>
    internal static string OwnerOf(string repository)
    {
        var slash = repository.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? repository : repository[..slash];
    }
}
