namespace Hangar.Core.Pools;

public enum TargetScope
{
    Repository,
    Organization,
    Enterprise,

    /// <summary>Every repository of a Gitea or Forgejo instance (its <c>/admin</c> API; needs an admin token).</summary>
    Instance,
}
