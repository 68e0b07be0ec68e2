using Hangar.Core.Forges;
using Hangar.Core.Pools;

namespace Hangar.Forges.Gitea;

/// <summary>A target scope Gitea and Forgejo do not have (enterprise): a configuration error, never retried.</summary>
internal sealed class ForgeScopeException(ForgeTarget target)
    : ForgeException($"Gitea and Forgejo have no '{target}' scope; use a repository, an organization or the instance");
